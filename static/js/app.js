// Small enhancements; every page works without them.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#input-id" hidden> appear only where the browser can copy.
  function setUpCopyButtons(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.querySelector(button.getAttribute("data-copy"));
        navigator.clipboard.writeText(field.value).then(function () {
          var status = document.getElementById("copy-status");
          if (status) {
            status.textContent = button.getAttribute("data-copied") || "Copied";
            status.classList.remove("visually-hidden");
          }
        });
      });
    });
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // After htmx replaces the agenda, keep keyboard focus on the button that was pressed
  // (htmx itself sends that button's name and value; Enter on a button is a click too).
  var lastButtonId = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[id]");
    lastButtonId = button ? button.id : null;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // Only the agenda's own swaps: a poll or a hint elsewhere must not move focus.
    if (!event.detail.target || event.detail.target.id !== "agenda") return;
    // The button pressed went with what it removed or added (a removed activity, the form
    // to add one): the agenda's heading takes focus, and its status says what changed.
    var lost = !document.activeElement || document.activeElement === document.body;
    if (!lastButtonId || !document.getElementById(lastButtonId)) {
      var heading = document.getElementById("agenda-heading");
      if (heading && lost) heading.focus();
      lastButtonId = null;
      return;
    }
    var button = document.getElementById(lastButtonId);
    if (button && button.disabled) {
      // At the top or bottom: the other direction's button is the sensible next stop.
      var other = lastButtonId.indexOf("up-") === 0 ? lastButtonId.replace("up-", "down-") : lastButtonId.replace("down-", "up-");
      button = document.getElementById(other);
    }
    if (button) button.focus();
    lastButtonId = null;
  });

  // A form posted with htmx and marked data-clear-text-on-success empties its text boxes
  // once it worked, and keeps the other choices (the stage, say) for the next one.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (event.detail.successful && form.matches && form.matches("form[data-clear-text-on-success]")) {
      form.querySelectorAll("textarea, input[type=text]").forEach(function (field) { field.value = ""; });
      form.querySelectorAll(".language-hint").forEach(function (hint) { hint.textContent = ""; });
    }
  });

  // Typing in a blueprint cell after a save takes away the old "Saved": it no longer says
  // what is in the box. A clash message stays until one of its choices is taken.
  document.addEventListener("input", function (event) {
    var cell = event.target.closest && event.target.closest(".blueprint-cell");
    if (!cell) return;
    var status = cell.querySelector(".blueprint-cell__status");
    if (status && !status.querySelector(".blueprint-cell__conflict")) status.textContent = "";
  });

  // A polling region is not replaced while keyboard focus is inside it, so nobody loses
  // their place; it catches up once focus moves on.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var region = event.detail.elt;
    if (region.id === "map-grid" && event.detail.requestConfig.verb === "get" &&
        region.contains(document.activeElement)) {
      event.preventDefault();
    }
    // A poller that swaps other parts of the page names them in data-keep-focus-in.
    var keep = region.getAttribute && region.getAttribute("data-keep-focus-in");
    // (Focus on the region itself, as when the page opened at its #fragment, is not inside it.)
    var active = document.activeElement;
    if (keep && active && active.closest(keep) && !active.matches(keep)) {
      event.preventDefault();
    }
  });

  // Countdowns ([data-countdown]) on the run view, the screen and the phones' "now" box.
  // They count from the server's clock (data-now), so a device with the wrong time still
  // counts right; a paused one (data-paused-left, in seconds) stands still. A poll that
  // swaps in a new one is picked up on the next tick.
  var seen = new WeakMap();
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function clockText(seconds) { return Math.floor(seconds / 60) + ":" + pad(seconds % 60); }
  function tickCountdowns() {
    document.querySelectorAll("[data-countdown]").forEach(function (clock) {
      var text, label;
      if (clock.dataset.pausedLeft) {
        text = clockText(parseInt(clock.dataset.pausedLeft, 10));
        label = clock.dataset.paused;
      } else if (clock.dataset.endsAt) {
        if (!seen.has(clock)) seen.set(clock, Date.parse(clock.dataset.now) - Date.now());
        var left = Math.round((Date.parse(clock.dataset.endsAt) - (Date.now() + seen.get(clock))) / 1000);
        text = clockText(Math.abs(left));
        clock.classList.toggle("is-over", left < 0);
        label = left < 0 ? clock.dataset.over : clock.dataset.left;
        if (left < 0) text = "+" + text;
      } else {
        return;
      }
      if (clock.textContent !== text) clock.textContent = text;
      clock.setAttribute("aria-label", label.replace("%(time)s", text.replace("+", "")));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    tickCountdowns();
    setInterval(tickCountdowns, 1000);
  });
  document.addEventListener("htmx:afterSettle", tickCountdowns);

  document.addEventListener("DOMContentLoaded", function () { setUpCopyButtons(document); });

  // "3 others here" on a live page: its polls say how many in a header (workshops/presence.py).
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var count = xhr && xhr.getResponseHeader("X-Others-Here");
    var line = document.querySelector("[data-others-here]");
    if (count === null || count === undefined || !line) return;
    var n = parseInt(count, 10);
    var text = n === 1 ? line.dataset.one : n > 1 ? line.dataset.many.replace("%(count)s", n) : "";
    if (line.textContent !== text) line.textContent = text;
  });

  // A live blueprint puts others' cells in place as they save them, but never a cell that
  // someone here is typing in or has typed in and not saved: theirs waits, and saving it
  // then shows both texts to choose from (blueprints.views.cell_save).
  function typingIn(cell) {
    var box = cell.querySelector("textarea");
    return cell.contains(document.activeElement) || (box && box.value !== box.defaultValue);
  }
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var sent = event.detail.fragment && event.detail.fragment.firstElementChild;
    if (!sent || !sent.hasAttribute("data-from-poll")) return;
    var target = event.detail.target;
    var cell = target && target.closest && target.closest(".blueprint-cell");
    if (cell && typingIn(cell)) event.detail.shouldSwap = false;
  });
  // Once a cell is saved, what it was saved with is what the page was last told; anything
  // typed since the save was sent is still the writer's own. (The default is set only where
  // it changes: setting it puts the caret back at the start, and the answer settles a moment
  // after it arrives, when its writer may already be typing again.)
  document.addEventListener("htmx:beforeRequest", function (event) {
    var cell = event.detail.elt;
    var box = cell.matches && cell.matches(".blueprint-cell") && cell.querySelector("textarea");
    if (box) box.dataset.sent = box.value;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var cell = event.target.closest && event.target.closest(".blueprint-cell");
    if (!cell || cell.querySelector(".blueprint-cell__conflict")) return;
    var box = cell.querySelector("textarea");
    if (!box) return;
    var saved = box.dataset.sent === undefined ? box.value : box.dataset.sent;
    if (box.defaultValue !== saved) box.defaultValue = saved;
  });

  // Journey map cards dragged to another stage or kind on a wide screen ([data-move-url] to
  // a [data-drop-stage] box). Each card's "Move" link does the same by keyboard or on a phone.
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-move-url]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.moveUrl);
    card.classList.add("is-dragged");
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragged");
    dragged = null;
    document.querySelectorAll(".is-drop-target").forEach(function (box) {
      box.classList.remove("is-drop-target");
    });
  });
  function dropBox(event) {
    return dragged && event.target.closest && event.target.closest("[data-drop-stage]");
  }
  document.addEventListener("dragover", function (event) {
    var box = dropBox(event);
    if (!box) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    box.classList.add("is-drop-target");
  });
  document.addEventListener("dragleave", function (event) {
    var box = dropBox(event);
    if (box && !box.contains(event.relatedTarget)) box.classList.remove("is-drop-target");
  });
  document.addEventListener("drop", function (event) {
    var box = dropBox(event);
    if (!box) return;
    event.preventDefault();
    if (box.contains(dragged)) return;  // dropped where it was
    htmx.ajax("POST", dragged.dataset.moveUrl, {
      target: "#map-grid",
      swap: "outerHTML",
      values: { stage: box.dataset.dropStage, kind: box.dataset.dropKind },
      headers: JSON.parse(document.body.dataset.hxHeaders || "{}"),
    });
  });
})();
