/* Invited training: progressive enhancement only (the pages work without it). */
(function () {
  "use strict";
  // The print button needs JavaScript, so it is hidden until this runs.
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Move focus to the error summary so screen-reader users hear the problems first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
