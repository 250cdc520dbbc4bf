// The countdown on the run view, and its keys. Without JavaScript the page shows the planned
// minutes and its buttons work as they are.
(function () {
  "use strict";
  function pad(n) { return n < 10 ? "0" + n : String(n); }

  // A presentation clicker sends Page Down and Page Up; a keyboard has the arrows and Space.
  var KEYS = { ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "back", PageUp: "back" };
  var sent = false;
  document.addEventListener("keydown", function (event) {
    var step = KEYS[event.key];
    if (!step || sent || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    // A focused button, link or field does what it does with the key itself.
    if (event.target.closest && event.target.closest("a, button, input, select, textarea, summary")) return;
    var form = document.querySelector('form[data-run-key="' + step + '"]');
    if (!form) return;
    event.preventDefault();
    sent = true;  // one step a key press, however fast the clicker repeats
    form.requestSubmit();
  });

  document.addEventListener("DOMContentLoaded", function () {
    var clock = document.getElementById("countdown");
    if (!clock || !clock.dataset.endsAt) return;
    var endsAt = Date.parse(clock.dataset.endsAt);
    // Work from the server's clock, so a laptop with the wrong time still counts right.
    var skew = Date.parse(clock.dataset.now) - Date.now();

    function tick() {
      var left = Math.round((endsAt - (Date.now() + skew)) / 1000);
      var over = left < 0;
      var seconds = Math.abs(left);
      var text = Math.floor(seconds / 60) + ":" + pad(seconds % 60);
      clock.textContent = over ? "+" + text : text;
      clock.classList.toggle("is-over", over);
      var label = over ? clock.dataset.over : clock.dataset.left;
      clock.setAttribute("aria-label", label.replace("%(time)s", text));
    }
    tick();
    setInterval(tick, 1000);
  });
})();
