// Every page: the main navigation on narrow screens folds behind a "Menu" button (the GOV.UK
// header pattern). Without JavaScript the button stays hidden and the navigation open; on wide
// screens the CSS shows the navigation whatever the button's state.
(function () {
  "use strict";
  var nav = document.querySelector(".main-nav");
  var button = nav && nav.querySelector(".main-nav__toggle");
  if (!button) {
    return;
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("main-nav--open", open);
  }

  nav.classList.add("main-nav--js");
  button.hidden = false;
  setOpen(false);
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("main-nav--open")) {
      setOpen(false);
      button.focus();
    }
  });
})();

// A finder's filters (news list, publications): on a narrow screen they start folded when nothing
// is chosen, so the results come first; without JavaScript they simply stay open.
(function () {
  "use strict";
  var panel = document.querySelector("[data-collapse-narrow]");
  if (!panel || !window.matchMedia("(max-width: 63.99rem)").matches) {
    return;
  }
  var chosen = panel.querySelector("input[type=checkbox]:checked");
  var typed = Array.prototype.some.call(
    panel.querySelectorAll("input[type=search], select"),
    function (field) { return field.value; }
  );
  if (!chosen && !typed) {
    panel.open = false;
  }
})();
