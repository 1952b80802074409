"""Back to a story's page after its note was sent: the browser puts the note back in its box, which is not text
typed and unsent (as on the desk's other pages, static/js/keep-typed.js)."""
import re

import pytest
from playwright.sync_api import expect

from notes.models import Note

from .helpers import answer_dialogs, log_in
from .stories import story

pytestmark = pytest.mark.e2e

NOTE = "Which ports exactly? The ministry says thirty-eight, not forty."


def test_back_to_a_story_after_its_note_was_sent_does_not_ask_about_it(page, desk_user):
    """After Back, saving the story asked whether to drop a note "not sent yet": the one sent, which was sent again."""
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story(journalist=desk_user("jonas", "Journalist"))
    log_in(page, editor)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    dialogs = answer_dialogs(page, accept=False)
    page.locator("#id_note_text").fill(NOTE)
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator(".messagelist")).to_contain_text("Note added.")
    page.go_back()
    expect(page.locator("#id_note_text")).to_have_value(NOTE)  # the browser's own form restoration
    page.get_by_role("link", name="Schedule board").first.click()
    expect(page).to_have_url(re.compile(r"/schedule/$"))  # a "Leave site?" answered no would have kept the page
    assert dialogs == [] and Note.objects.count() == 1
