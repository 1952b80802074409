// The photo form words its credit line as you choose the credit type, agency and photographer, before
// saving: the server words it (photos/credits.py, the one place that does), this only asks and shows it.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const type = document.getElementById("id_credit_type");
  if (!type || !type.dataset.creditLineUrl) {
    return;
  }
  const url = new URL(type.dataset.creditLineUrl, window.location.href);
  const preview = document.createElement("p");
  preview.id = "credit-preview";
  preview.className = "help";
  preview.setAttribute("aria-live", "polite");
  type.closest(".form-row, .fieldBox, div").after(preview);
  const value = (id) => (document.getElementById(id) || { value: "" }).value;
  let timer = null;
  const update = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      url.search = new URLSearchParams({
        credit_type: value("id_credit_type"), agency: value("id_agency"), photographer: value("id_photographer"),
      }).toString();
      fetch(url, { credentials: "same-origin" })
        .then((response) => response.json())
        .then((answer) => {
          preview.textContent = `Credit line: ${answer.credit}`;
        })
        .catch(() => {
          preview.textContent = "";
        });
    }, 150);
  };
  ["id_credit_type", "id_agency", "id_photographer"].forEach((id) => {
    const field = document.getElementById(id);
    if (field) {
      field.addEventListener("input", update);
      field.addEventListener("change", update);
    }
  });
  update();
});
