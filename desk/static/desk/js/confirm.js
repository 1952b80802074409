// Desk buttons that change what readers see now (publish now, withdraw, restore onto a live story)
// carry data-confirm: ask before the form goes. A file, not inline script: the desk's CSP forbids those.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
