/* Invited training: progressive enhancement only (the pages work without it). */
(function () {
  "use strict";
  document.querySelectorAll(".js-print").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });
  // Move focus to the error summary so screen-reader users hear the problems first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
