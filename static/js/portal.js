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
