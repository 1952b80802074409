"""What the browser tests do on the desk and the site, in a person's steps."""
from urllib.parse import urlsplit

PASSWORD = "correct-horse-battery"  # what tests.factories.UserFactory sets


def log_in(page, user):
    """Log in to the desk through the real login form."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")



def answer_dialogs(page, accept=True) -> list[str]:
    """Answer every dialog the page opens (confirm, "Leave site?"); return their messages, or "beforeunload"."""
    seen = []

    def answer(dialog):
        seen.append("beforeunload" if dialog.type == "beforeunload" else dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", answer)
    return seen


def body_editor(page):
    """The body's CKEditor editing area: a contenteditable <div> (the divarea plugin, which the desk's
    Content Security Policy needs instead of CKEditor's iframe; README "Security")."""
    editor = page.locator("#cke_id_body .cke_wysiwyg_div")
    editor.wait_for()
    page.wait_for_function("window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'")
    return editor


def select_in_body(page, passage: str, copy: int = 0) -> None:
    """Select `passage` in the body's editor, as a reader's mouse would: its copy number `copy` (0: the first)."""
    body_editor(page)
    page.evaluate("""([passage, copy]) => {
        const editable = document.querySelector("#cke_id_body .cke_wysiwyg_div");
        const walker = document.createTreeWalker(editable, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            let start = walker.currentNode.data.indexOf(passage);
            while (start >= 0 && copy > 0) {
                copy -= 1;
                start = walker.currentNode.data.indexOf(passage, start + 1);
            }
            if (start >= 0) {
                const range = document.createRange();
                range.setStart(walker.currentNode, start);
                range.setEnd(walker.currentNode, start + passage.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return;
            }
        }
        throw new Error("not in the body: " + passage);
    }""", [passage, copy])


def body_editor_html(page) -> str:
    """What CKEditor will post as the body."""
    return page.evaluate("CKEDITOR.instances.id_body.getData()")


def pick_autocomplete(page, field_id, search, option_text):
    """Choose `option_text` in the admin's autocomplete (select2) for the field `field_id`."""
    page.locator(f"#{field_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option_text).first.click()


def status_of(page, url) -> int:
    return page.goto(url).status


def hosts_of_site_links(page) -> set[str]:
    """Return the host (with port) of every link the site made on the page; relative links count as "".

    Links a journalist wrote in a story's body (to a source, another site) are the story's, not the site's.
    """
    hrefs = page.locator("a[href]:not(.story__body a)").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    return {urlsplit(href).netloc for href in hrefs}
