// The countdown on the run view. Without JavaScript the page shows the planned minutes.
(function () {
  "use strict";
  function pad(n) { return n < 10 ? "0" + n : String(n); }

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
