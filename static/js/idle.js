// Signing out after the site is left alone (codesign/idle.py says why). The page knows how
// many seconds it has left; a key press or tap tells the server someone is there, two
// minutes before the end a warning offers to stay signed in, and at the end the page is
// opened again, so the server asks for a sign-in and nothing stays on the screen.
(function () {
  "use strict";
  var WARN_BEFORE = 120 * 1000;
  var PING_AT_MOST_EVERY = 60 * 1000;
  // Opened again a little after the end, so the server, which counts whole seconds, has
  // surely seen the time run out.
  var MARGIN = 3 * 1000;
  // The run view is on the projector in front of the room: it keeps itself signed in.
  var KEEP_ALIVE_EVERY = 5 * 60 * 1000;

  function isTextField(element) {
    return element && (element.isContentEditable ||
      /^(input|textarea|select)$/i.test(element.tagName));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.body;
    var left = parseInt(body.getAttribute("data-idle-left"), 10);
    var pingUrl = body.getAttribute("data-idle-ping");
    if (!left || !pingUrl) return;
    var deadline = Date.now() + left * 1000;
    var lastPing = Date.now();
    var someoneThere = false;
    var pinging = false;
    var focusBefore = null;
    var warning = document.getElementById("idle-warning");
    var stay = document.getElementById("idle-stay");
    var keepAlive = document.querySelector("[data-keep-signed-in]");
    var token = JSON.parse(body.getAttribute("data-hx-headers") || "{}")["X-CSRFToken"];

    function hideWarning() {
      if (!warning || warning.hidden) return;
      var hadFocus = warning.contains(document.activeElement);
      warning.hidden = true;
      if (hadFocus && focusBefore && document.contains(focusBefore)) focusBefore.focus();
    }

    function ping() {
      var noticed = someoneThere;
      someoneThere = false;
      pinging = true;
      fetch(pingUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, "Accept": "application/json" },
      }).then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      }).then(function (answer) {
        lastPing = Date.now();
        deadline = Date.now() + answer.left * 1000;
        hideWarning();
      }).catch(function (status) {
        // 401: signed out already, so open the page again to show the sign-in form. Anything
        // else (the server is away): what was noticed is kept for the next try.
        if (status === 401) deadline = 0;
        else someoneThere = someoneThere || noticed;
      }).then(function () { pinging = false; });
    }

    ["keydown", "pointerdown", "input", "wheel"].forEach(function (name) {
      document.addEventListener(name, function () { someoneThere = true; }, { capture: true, passive: true });
    });
    if (stay) stay.addEventListener("click", function () { someoneThere = true; ping(); });

    function check() {
      if (pinging) return;  // wait for its answer before warning or signing out
      var now = Date.now();
      var remaining = deadline - now;
      if (someoneThere && (now - lastPing >= PING_AT_MOST_EVERY || remaining <= WARN_BEFORE)) {
        ping();
        return;
      }
      if (keepAlive && now - lastPing >= KEEP_ALIVE_EVERY) {
        ping();
        return;
      }
      if (remaining + MARGIN <= 0) {
        clearInterval(checking);
        window.location.assign(window.location.href.split("#")[0]);
      } else if (remaining <= WARN_BEFORE && warning && warning.hidden) {
        warning.hidden = false;
        // Someone typing keeps their place; anyone else is taken to the button.
        focusBefore = document.activeElement;
        if (stay && !isTextField(focusBefore)) stay.focus();
      }
    }
    var checking = setInterval(check, 5000);
    // A phone or laptop waking from sleep checks at once, not up to five seconds later.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") check();
    });
  });
})();
