// The API docs (templates/ninja/swagger.html): what Swagger UI draws without a name or a keyboard way in gets one,
// as it draws it (WCAG 2.1 AA): a parameter's select is named by its parameter, and a scrolling code example can
// be scrolled from the keyboard.
(function () {
  "use strict";
  function name(root) {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").getAttribute("data-param-name"));
    });
    root.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (code) {
      code.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(function () { name(document); })
    .observe(document.getElementById("swagger-ui"), { childList: true, subtree: true });
})();
