// The notes panel's "Quote the selected words": fills the note's field and quoted passage from the words last
// selected in the story form (the body's editor, the headline or the standfirst), so nobody retypes them.
(function () {
  "use strict";
  const button = document.getElementById("note-quote-selection");
  if (!button) return;
  const status = document.getElementById("note-quote-status");
  let last = null;

  document.addEventListener("selectionchange", function () {
    const selection = window.getSelection();
    const body = document.querySelector("#cke_id_body .cke_wysiwyg_div");  // CKEditor's divarea: in this document
    if (body && selection.anchorNode && body.contains(selection.anchorNode) && selection.toString().trim()) {
      last = {field: "body", text: selection.toString()};
    }
  });
  ["headline", "standfirst"].forEach(function (name) {
    const input = document.getElementById("id_" + name);
    if (!input) return;
    input.addEventListener("select", function () {
      last = {field: name, text: input.value.slice(input.selectionStart, input.selectionEnd)};
    });
  });

  button.hidden = false;
  button.addEventListener("click", function () {
    if (!last || !last.text.trim()) {
      status.textContent = button.dataset.empty;
      return;
    }
    document.getElementById("id_note_field").value = last.field;
    const quote = document.getElementById("id_note_quote");
    quote.value = last.text.replace(/\s+/g, " ").trim();
    status.textContent = "";
    quote.focus();
  });
})();
