// The story form keeps what is typed in it (README, "Nothing typed is lost").
// - Leaving the page with unsaved changes asks first (the browser's own "Leave site?" prompt), and so
//   does any navigation, the story's save included, while a note or another side form holds unsent text.
// - While the form changes, a private copy goes to the server every few seconds (#desk-autosave's
//   data-seconds), per person and form opened (its autosave_form key); the next open offers it back.
// A file, not inline script: the desk's Content Security Policy forbids inline script. The admin loads
// form scripts in <head>, so this waits for the form to exist.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("article_form");
  const status = document.getElementById("desk-autosave");
  if (!form) {
    return;
  }
  // A form opened with restored text, or shown again after a refused save, holds what was never saved:
  // leaving it warns too.
  let dirty = Boolean(status && "unsaved" in status.dataset); // changed since the page was loaded or saved
  let unsent = false; // changed since the last autosave
  let leaving = false; // the form itself is being submitted
  // A save lets the page go; one stopped (Esc, a server that never answers) leaves the page here with its
  // text, and after a while leaving warns again and the autosave goes on, as static/js/keep-typed.js does.
  const RESEND_SECONDS = 5;
  const sending = () => {
    leaving = true;
    window.setTimeout(() => {
      leaving = false;
      pending = false; // a save stopped before the page went may be sent again
    }, RESEND_SECONDS * 1000);
  };
  let loggedOut = false; // the server last answered with the login page: a save now would lose the text there

  // The page's other forms (a note, a reply, a preview link) are not the story's: text typed in one and not
  // sent yet would go with any navigation, the story's own save included, which asks first. A note or reply
  // refused and shown again (data-unsent) holds text never sent, though the page came with it.
  const DROPS_TYPED = "Text you typed in a note or another box on this page has not been sent yet: saving the story now would drop it. Save anyway?";
  let submitting = null;
  document.addEventListener("submit", (event) => {
    submitting = event.target;
  });
  // Typed on this page: what the browser puts back in a page opened with Back (a note sent already) is not.
  const typedHere = new Set();
  document.addEventListener("input", (event) => typedHere.add(event.target));
  const typedElsewhere = () => [...document.forms].some((other) => other !== form && other !== submitting
    && [...other.elements].some((field) => (field.type === "textarea" || field.type === "text")
      && field.value.trim() && ("unsent" in other.dataset || (typedHere.has(field) && field.value !== field.defaultValue))));

  const changed = () => {
    dirty = true;
    unsent = true;
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // select2's boxes (section, bylines, photos) and the admin's "+" pop-ups say they changed through jQuery's
  // trigger("change"), which plain listeners never hear. The admin's own start-up triggers it too, on every
  // related select, whenever its scripts come to it: a select still holding what the page came with is no change.
  const chosen = (select) => JSON.stringify([...select.selectedOptions].map((option) => option.value));
  const cameWith = new Map([...form.querySelectorAll("select")].map((select) => [select, chosen(select)]));
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("change", (event) => {
      if (!(event.target.tagName === "SELECT" && cameWith.get(event.target) === chosen(event.target))) {
        changed();
      }
    });
  }
  // The desk panel's note and time belong to the form through their form attribute, outside it.
  document.querySelectorAll('[form="article_form"]').forEach((field) => field.addEventListener("input", changed));
  const LOGGED_OUT = "You are no longer logged in, so this save would be lost. Log in again in another tab, keep this page open, and save again once it says you are logged in.";
  let asked = false; // the server said just now that this browser is logged in, and gave its token
  let pending = false; // a save asks the server or is on its way: another press sends nothing more (two saves went)
  form.addEventListener("submit", (event) => {
    if (asked) { // the same save, sent again once the server answered (below)
      asked = false;
      sending();
      return;
    }
    if (pending) {
      event.preventDefault();
      return;
    }
    if (typedElsewhere() && !window.confirm(DROPS_TYPED)) {
      event.preventDefault(); // they stay, and the note is still there to add
      return;
    }
    if (!status || !status.dataset.url) {
      sending();
      return;
    }
    // The session may have ended, or a login in another tab changed the token, since the last autosave (and
    // a login may have come since the last look): ask now (renewToken, below), so the post does not go to the
    // login page, which would drop the text, or meet a 403.
    event.preventDefault();
    pending = true;
    const submitter = event.submitter;
    renewToken().then(() => {
      if (loggedOut) {
        pending = false;
        say("The unsaved text could not be saved (you are no longer logged in: log in again in another tab, and keep this page open); it is still here.");
        window.alert(LOGGED_OUT);
        return;
      }
      asked = true;
      form.requestSubmit(submitter);
    }, (error) => {
      pending = false;
      say(`Nothing was saved (${error.message || "no connection"}); the text is still here.`);
      window.alert("The server cannot be reached or is not answering, so nothing was saved; the text is still here. Save again in a moment.");
    });
  });

  // A note or a reply is typed text too: sent after the session ended, it went to the login page, which dropped
  // it. It asks the server first, as the story's save does (static/js/keep-typed.js does so on other desk pages).
  const holdsText = (other) => [...other.elements].some((field) => (field.type === "textarea" || field.type === "text")
    && field.value.trim());
  let sideAsked = null; // the side form the server just said may be sent
  let sidePending = null; // the side form whose send waits for the server's answer: another press sends nothing more
  document.addEventListener("submit", (event) => {
    const other = event.target;
    if (other === form || other.method !== "post" || !status || !status.dataset.url || !holdsText(other)) {
      return;
    }
    if (sideAsked === other) {
      sideAsked = null;
      window.setTimeout(() => {
        sidePending = null; // a send stopped before the page went (Esc) may go again
      }, RESEND_SECONDS * 1000);
      return;
    }
    event.preventDefault();
    submitting = null; // not sent: its text still counts as typed elsewhere
    if (sidePending === other) {
      return;
    }
    sidePending = other;
    const submitter = event.submitter;
    renewToken().then(() => {
      if (loggedOut) {
        sidePending = null;
        window.alert("You are no longer logged in, so this would be lost. Log in again in another tab, keep this page open, and send it again.");
        return;
      }
      sideAsked = other;
      other.requestSubmit(submitter);
    }, () => {
      sidePending = null;
      window.alert("The server cannot be reached or is not answering, so nothing was sent; the text is still here. Send it again in a moment.");
    });
  });

  // CKEditor edits in a div of its own (its divarea plugin): its changes are its "change" events. That div
  // says aria-readonly without the role that takes it; it is a multi-line text box, named by its label.
  const watchEditor = (editor) => {
    editor.on("change", changed);
    const describe = () => {
      const editable = editor.editable();
      const label = document.querySelector(`label[for="${editor.name}"]`);
      if (editable) {
        editable.setAttribute("role", "textbox");
        editable.setAttribute("aria-multiline", "true");
        if (label) {
          editable.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
        }
      }
    };
    editor.on("instanceReady", describe);
    if (editor.status === "ready") {
      describe();
    }
  };
  // CKEditor loads after this script may run (django-ckeditor retries until it is there): wait for it too.
  const withEditors = (callback, tries = 100) => {
    if (window.CKEDITOR) {
      Object.values(window.CKEDITOR.instances).forEach(callback);
      window.CKEDITOR.on("instanceCreated", (event) => callback(event.editor));
    } else if (tries > 0) {
      window.setTimeout(() => withEditors(callback, tries - 1), 100);
    }
  };
  withEditors(watchEditor);

  // Word and character counts under the headline, standfirst and body, with the headline's recommended length.
  const plainText = (html) => new DOMParser().parseFromString(html, "text/html").body.textContent || "";
  const counter = (field) => {
    const line = document.createElement("p");
    line.className = "desk-counts";
    line.id = `${field.id}-counts`;
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? `${described} ${line.id}` : line.id);
    const row = field.closest(".form-row");
    if (row) {
      row.append(line);
    } else {
      field.after(line);
    }
    return (text) => {
      const words = (text.trim().match(/\S+/g) || []).length;
      const characters = text.trim().length;
      let said = `${words} ${words === 1 ? "word" : "words"}, ${characters} ${characters === 1 ? "character" : "characters"}`;
      const most = Number(field.dataset.recommendedCharacters);
      if (most) {
        said += characters > most ? ` — ${characters - most} over the recommended ${most}` : ` (recommended: up to ${most})`;
      }
      line.textContent = said;
    };
  };
  document.querySelectorAll("[data-counted]").forEach((field) => {
    const show = counter(field);
    if (field.dataset.type === "ckeditortype") {
      show(plainText(field.value));
      withEditors((editor) => {
        if (editor.name === field.id) {
          const count = () => show(plainText(editor.getData()));
          editor.on("change", count);
          editor.on("instanceReady", count);
        }
      });
    } else {
      const count = () => show(field.value);
      field.addEventListener("input", count);
      count();
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (!leaving && (dirty || typedElsewhere())) {
      event.preventDefault();
      event.returnValue = ""; // older Chromium needs it set to show the prompt
    }
  });

  if (!status || !status.dataset.url) {
    return;
  }
  function say(text) {
    status.textContent = text;
  }
  // A login in another tab (after the session ended) changes the CSRF token: ask for the new one and put it in
  // every form on the page, so the autosave and the page's own save are not refused. The login page instead of
  // an answer means the session ended (loggedOut); any other failure (the database down: a 503) rejects, as no
  // connection does, and the save waits.
  function renewToken() {
    return fetch(status.dataset.url, { credentials: "same-origin" })
      .then((response) => {
        loggedOut = response.redirected;
        if (!response.ok && !response.redirected) {
          throw new Error(`the server answered ${response.status}`);
        }
        return response.redirected ? { csrf: null } : response.json();
      })
      .then(({ csrf }) => {
        if (csrf) {
          document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach((input) => {
            input.value = csrf;
          });
        }
        return csrf;
      });
  }
  // After the session ended, look every interval (and whenever this tab is shown again) for a login made in
  // another tab: the new token goes into the page at once, so the story's save works before any autosave.
  const lookForLogin = () => {
    const wasLoggedOut = loggedOut;
    return renewToken().then((token) => {
      if (token && wasLoggedOut) {
        say("You are logged in again: the text on this page can be saved and is kept again.");
      }
    }, () => {}); // the server not answering: the next look tries again
  };
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) {
      lookForLogin();
    }
  });
  const autosave = () => {
    if (loggedOut) {
      lookForLogin();
      return;
    }
    if (!unsent || leaving) {
      return;
    }
    unsent = false;
    if (window.CKEDITOR) {
      Object.values(window.CKEDITOR.instances).forEach((editor) => editor.updateElement());
    }
    const data = new FormData(form);
    for (const [name, value] of [...data.entries()]) {
      if (value instanceof File) {
        data.delete(name); // photos are uploaded only by saving
      }
    }
    const send = () => fetch(status.dataset.url, { method: "POST", body: data, credentials: "same-origin" });
    send()
      .then((response) => (response.status === 403 ? renewToken().then((token) => {
        if (!token) {
          return response;
        }
        data.set("csrfmiddlewaretoken", token);
        return send();
      }) : response))
      .then((response) => {
        if (!(response.headers.get("Content-Type") || "").startsWith("application/json")) {
          // Not the desk's answer: the login page (the session ended) or an error page.
          loggedOut = response.redirected;
          throw new Error(response.redirected
            ? "you are no longer logged in: log in again in another tab, and keep this page open"
            : `the server answered ${response.status}`);
        }
        return response.json().then((answer) => ({ ok: response.ok, answer }));
      })
      .then(({ ok, answer }) => {
        if (!ok) {
          throw new Error(answer.error || "");
        }
        say(answer.message);
      })
      .catch((error) => {
        unsent = true; // try again next time
        say(`The unsaved text could not be kept on the server (${error.message || "no connection"}); it is still here.`);
      });
  };
  window.setInterval(autosave, Math.max(1, Number(status.dataset.seconds) || 15) * 1000);
});
