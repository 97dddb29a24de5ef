/* Behaviour of the base layout, kept out of the HTML so the Content-Security-Policy can forbid inline
   scripts and style attributes (parklink/settings.py, SECURE_CSP). Runs on page load and on every piece
   of content htmx swaps in. */
(function () {
  "use strict";

  // The zone the browser runs in (e.g. "Asia/Tehran"), for core/timezones.py: kept in a cookie for a
  // visitor who is not logged in, and put into the sign-up form's hidden field.
  function browserTimeZone() {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
      return /^[A-Za-z0-9_+\-]+(\/[A-Za-z0-9_+\-]+)*$/.test(zone) ? zone : "";
    } catch (error) {
      return "";
    }
  }

  function rememberTimeZone() {
    var zone = browserTimeZone();
    if (!zone || document.cookie.split("; ").indexOf("parklink_tz=" + zone) !== -1) { return; }
    document.cookie = "parklink_tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
  }

  function enhance(root) {
    root.querySelectorAll("input[data-time-zone-guess]").forEach(function (input) {
      if (!input.value) { input.value = browserTimeZone(); }
    });
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

  rememberTimeZone();
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) {
    if (event.target instanceof Element) { enhance(event.target); }
  });
})();
