// The run view's keys, for a presentation clicker or a keyboard. Without JavaScript its
// buttons work as they are. (The countdown is in app.js: phones show it too.)
(function () {
  "use strict";
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
})();
