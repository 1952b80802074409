// The live desk's composer: Ctrl+Enter (⌘+Enter on a Mac) in the text sends the entry. Enter in a one-line box
// (the headline) sends nothing: a slip of the key published an entry before its text was finished.
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
  text.form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "INPUT" && !(event.ctrlKey || event.metaKey)) {
      event.preventDefault();
    }
  });
})();
