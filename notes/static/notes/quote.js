// The notes panel's "Quote the selected words": fills the note's field and quoted passage from the words last
// selected in the story form (the body's editor, the headline or the standfirst), so nobody retypes them, and the
// words just before them, which tell the desk which copy of a passage the text holds twice is meant.
(function () {
  "use strict";
  const button = document.getElementById("note-quote-selection");
  if (!button) return;
  const status = document.getElementById("note-quote-status");
  const BEFORE = 64;  // characters before the selection that are sent with it
  let last = null;

  document.addEventListener("selectionchange", function () {
    const selection = window.getSelection();
    const body = document.querySelector("#cke_id_body .cke_wysiwyg_div");  // CKEditor's divarea: in this document
    if (body && selection.anchorNode && body.contains(selection.anchorNode) && selection.toString().trim()) {
      const before = document.createRange();
      before.selectNodeContents(body);
      const range = selection.getRangeAt(0);
      before.setEnd(range.startContainer, range.startOffset);
      last = {field: "body", text: selection.toString(), before: before.toString().slice(-BEFORE)};
    }
  });
  ["headline", "standfirst"].forEach(function (name) {
    const input = document.getElementById("id_" + name);
    if (!input) return;
    input.addEventListener("select", function () {
      last = {field: name, text: input.value.slice(input.selectionStart, input.selectionEnd),
              before: input.value.slice(0, input.selectionStart).slice(-BEFORE)};
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
    document.getElementById("id_note_quote_before").value = last.before;
    quote.dispatchEvent(new Event("input", {bubbles: true})); // filled here: text of the note's, not yet sent
    status.textContent = "";
    quote.focus();
  });
})();
