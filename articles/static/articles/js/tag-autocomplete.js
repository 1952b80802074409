"use strict";
// Suggest existing tags for the term being typed in a comma-separated tag input. Suggestions come
// from the admin's autocomplete lookup and are offered through the input's native <datalist>.
(function () {
  function attach(input) {
    const list = document.getElementById(input.getAttribute("list"));
    let timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        const parts = input.value.split(",");
        const term = parts.pop().trim();
        if (!term) {
          list.replaceChildren();
          return;
        }
        const prefix = parts.map((part) => part.trim()).filter(Boolean).join(", ");
        const url = new URL(input.dataset.autocompleteUrl, window.location.href);
        url.search = new URLSearchParams({
          term: term, app_label: "articles", model_name: "article", field_name: "tags",
        }).toString();
        fetch(url, { credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then(function (data) {
            list.replaceChildren(...data.results.map(function (result) {
              const option = document.createElement("option");
              // As the server writes a name (tag_input.edit_string_in_order): "New York" alone would be two tags.
              const name = /[ ,"]/.test(result.text) ? '"' + result.text.replace(/"/g, '""') + '"' : result.text;
              option.value = prefix ? prefix + ", " + name : name;
              return option;
            }));
          });
      }, 150);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-autocomplete-url]").forEach(attach);
  });
})();
