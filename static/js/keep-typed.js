// Text typed in a desk form and not sent yet is not dropped unasked (README, "Nothing typed is lost"). The
// story form has its own script (desk/static/desk/js/story-form.js); every other desk page gets this one:
// - leaving the page warns while a form holds text typed here and not sent (in a box that is sent: not a
//   widget's own filter box), or text a refused send gave back;
// - sending one form asks first while another holds such text (an entry in the composer, and Pin pressed);
// - sending typed text first asks the server whether this browser is still logged in, and takes the current
//   token (a login in another tab changed it): a post that met the login page would drop the text. A second
//   press while it asks sends nothing more.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const script = document.querySelector("script[data-session-url]");
  if (!script || document.getElementById("article_form")) {
    return;
  }
  const forms = [...document.forms].filter((form) => form.method === "post");
  const givenBack = Boolean(document.querySelector(".errornote, .errorlist")); // a refused send, its text shown again
  // A box that is sent (it has a name, and is not read-only or disabled); a widget's own filter box is not. An
  // address, an e-mail, a number or a time typed is typed text too (a platform link's address, a person's e-mail,
  // an alert's expiry or an update's time in the desk's date-and-time boxes).
  const TYPABLE = new Set(["textarea", "text", "url", "email", "tel", "search", "number", "datetime-local", "date", "time"]);
  const typable = (field) => TYPABLE.has(field.type) && field.name && !field.readOnly && !field.disabled;
  // Typed on this page: what the browser puts back in a page opened with Back (text sent already) is not.
  const typed = new Set();
  document.addEventListener("input", (event) => typed.add(event.target));
  // A box emptied here is a change too (a headline that named someone too early, taken out).
  const holds = (form) => [...form.elements].some((field) => typable(field)
    && ((givenBack && field.value.trim()) || (typed.has(field) && field.value !== field.defaultValue)));
  const DROPS = "Text you typed in another box on this page has not been sent yet: going on would drop it. Go on anyway?";
  const LOGGED_OUT = "You are no longer logged in, so this would be lost. Log in again in another tab, keep this page open, and send it again.";
  const UNANSWERED = "The server cannot be reached or is not answering, so nothing was sent; the text is still here. Send it again in a moment.";
  const RESEND_SECONDS = 5;
  let leaving = false; // a form is being sent: the page may go
  let asked = null; // the form the server just said may be sent
  let pending = null; // the form whose send waits for the server's answer: another press sends nothing more
  // A send lets the page go; one stopped (Esc, a server that never answers) leaves it here, and after a while
  // its form may be sent again and leaving warns again.
  const sending = () => {
    leaving = true;
    window.setTimeout(() => {
      leaving = false;
      pending = null;
    }, RESEND_SECONDS * 1000);
  };
  forms.forEach((form) => form.addEventListener("submit", (event) => {
    if (asked === form) { // the same send, once the server answered (below)
      asked = null;
      sending();
      return;
    }
    if (pending === form) { // pressed again while the server is asked: one send
      event.preventDefault();
      return;
    }
    if (forms.some((other) => other !== form && holds(other)) && !window.confirm(DROPS)) {
      event.preventDefault();
      return;
    }
    if (!holds(form)) {
      sending();
      return;
    }
    event.preventDefault();
    pending = form;
    const submitter = event.submitter;
    fetch(script.dataset.sessionUrl, { credentials: "same-origin" })
      .then((response) => {
        if (response.redirected) {
          pending = null;
          window.alert(LOGGED_OUT);
          return null;
        }
        if (!response.ok) {
          throw new Error(`the server answered ${response.status}`);
        }
        return response.json();
      })
      .then((answer) => {
        if (answer) { // pending stays while the page goes (sending, above)
          document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach((input) => {
            input.value = answer.csrf;
          });
          asked = form;
          form.requestSubmit(submitter);
        }
      })
      .catch(() => {
        pending = null;
        window.alert(UNANSWERED);
      });
  }));
  window.addEventListener("beforeunload", (event) => {
    if (!leaving && forms.some(holds)) {
      event.preventDefault();
      event.returnValue = ""; // older Chromium needs it set to show the prompt
    }
  });
});
