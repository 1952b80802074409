// The live desk's composer: Ctrl+Enter (⌘+Enter on a Mac) in the text sends the entry.
(function () {
  "use strict";
  var text = document.querySelector("textarea[data-composer]");
  if (!text) { return; }
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      text.form.requestSubmit();
    }
  });
})();
