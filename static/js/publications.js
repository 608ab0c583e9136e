/* Publications: a "Copy citation" button (progressive enhancement; the citation text is always
   visible and selectable without it). Served as a file: the CSP forbids inline scripts. */
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = button.getAttribute("data-copied-text") || label;
        window.setTimeout(function () { button.textContent = label; }, 2500);
      });
    });
  });
})();

/* The finder's filters: on a narrow screen, start folded when nothing is chosen, so the results
   come first; without JavaScript they simply stay open. */
(function () {
  "use strict";
  var panel = document.querySelector("[data-collapse-narrow]");
  if (!panel || !window.matchMedia("(max-width: 63.99rem)").matches) { return; }
  var chosen = panel.querySelector("input[type=checkbox]:checked");
  var query = panel.querySelector("input[type=search]");
  if (!chosen && !(query && query.value)) { panel.open = false; }
})();
