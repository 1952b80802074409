// Name the admin's autocomplete boxes (select2) after their fields, for screen readers: select2 leaves its
// combobox, its text and its inline search box without a name, and puts its "clear" cross, a <span>,
// inside a list, where only list items belong. select2 redraws these on every change, so they are named again after each redraw.
(() => {
  "use strict";
  const labelOf = (select) => {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
  };
  const name = () => {
    document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      const label = labelOf(select);
      container
        .querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field')
        .forEach((element) => {
          if (element.getAttribute("aria-label") !== label) {
            element.setAttribute("aria-label", label);
          }
        });
      // The cross still clears from beside the list: select2 listens for it on the whole selection box.
      container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach((cross) => {
        cross.parentElement.before(cross);
      });
    });
  };
  document.addEventListener("DOMContentLoaded", () => {
    name();
    new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
  });
})();
