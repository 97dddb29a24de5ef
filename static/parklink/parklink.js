/* Behaviour of the base layout, kept out of the HTML so the Content-Security-Policy can forbid inline
   scripts and style attributes (parklink/settings.py, SECURE_CSP). Runs on page load and on every piece
   of content htmx swaps in. */
(function () {
  "use strict";

  function enhance(root) {
    // A select that submits its form as soon as it changes (the language switcher).
    root.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
      if (select.dataset.submitOnChangeBound) { return; }
      select.dataset.submitOnChangeBound = "1";
      select.addEventListener("change", function () { select.form.requestSubmit(); });
    });
    // A bar whose width is a share: data-width-percent="42" (the CSSOM is allowed where style="" is not).
    root.querySelectorAll("[data-width-percent]").forEach(function (bar) {
      var percent = Math.max(0, Math.min(100, parseFloat(bar.dataset.widthPercent) || 0));
      bar.style.width = percent + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) {
    if (event.target instanceof Element) { enhance(event.target); }
  });
})();
