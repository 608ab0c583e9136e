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

/* Character count (the GOV.UK pattern): how many characters are left, or how many too many, as
   the visitor types; the form still takes a longer answer and says so next to the field. */
(function () {
  "use strict";
  document.querySelectorAll("[data-count-for]").forEach(function (message) {
    var field = document.getElementById(message.getAttribute("data-count-for"));
    if (!field) { return; }
    var limit = parseInt(message.getAttribute("data-limit"), 10);
    function update() {
      var left = limit - field.value.length;
      var key = left >= 0 ? (left === 1 ? "data-remaining-one" : "data-remaining")
        : (left === -1 ? "data-over-one" : "data-over");
      message.textContent = message.getAttribute(key).replace("__N__", String(Math.abs(left)));
      message.classList.toggle("character-count--over", left < 0);
    }
    field.addEventListener("input", update);
    update();
  });
})();
