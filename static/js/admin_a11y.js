// Accessibility fixes for controls that Django's admin scripts create in the browser.
// SelectFilter2 (the two-box many-to-many chooser) puts an aria-label on a plain <span> (the
// magnifier icon of its search box), which ARIA does not allow; as an image it may have one.
"use strict";
window.addEventListener("load", () => {
  // After the admin's own load handlers have built the widgets.
  window.setTimeout(() => {
    for (const icon of document.querySelectorAll("span.search-label-icon[aria-label]")) {
      icon.setAttribute("role", "img");
    }
  }, 0);
});
