"""A note or a reply typed on a story's desk page is sent as the story's own save is: not into the login page
of an ended session. Back to the page after a note was sent, the browser puts the note back in its box, which is not
text typed and unsent (as on the desk's other pages, static/js/keep-typed.js)."""
import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from notes.models import Note
from notes.services import note_add

from .helpers import answer_dialogs, log_in
from .stories import story

pytestmark = pytest.mark.e2e

NOTE = "Which ports exactly? The ministry says thirty-eight, not forty."


def an_editor_at_the_story(page, desk_user):
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story(journalist=desk_user("jonas", "Journalist"))
    log_in(page, editor)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    return editor, article


def test_a_note_sent_after_the_session_ended_is_held_back_with_its_text(page, desk_user):
    """The note went to the login page, and after the login the story's page had an empty note box."""
    editor, article = an_editor_at_the_story(page, desk_user)
    questions = answer_dialogs(page)
    page.locator("#id_note_text").fill(NOTE)
    Session.objects.all().delete()  # the session expired while the editor wrote
    with page.expect_event("dialog", lambda dialog: "no longer logged in" in dialog.message):
        page.get_by_role("button", name="Add the note").click()
    expect(page.locator("#id_note_text")).to_have_value(NOTE)
    assert "/admin/login/" not in page.url and "no longer logged in" in questions[-1]

    log_in(page.context.new_page(), editor)  # in another tab, as the message says: the token changed
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator(".messagelist")).to_contain_text("Note added.")
    assert Note.objects.get(article=article).text == NOTE


def test_a_reply_sent_after_the_session_ended_is_held_back_with_its_text(page, desk_user):
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story(journalist=desk_user("jonas", "Journalist"))
    note_add(article=article, by=editor, text="Check the port count.")
    log_in(page, editor)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    answer_dialogs(page)
    reply = page.get_by_label("Reply")
    reply.fill("Thirty-eight, says the ministry.")
    Session.objects.all().delete()
    with page.expect_event("dialog", lambda dialog: "no longer logged in" in dialog.message):
        page.get_by_role("button", name="Reply").click()
    expect(page.get_by_label("Reply")).to_have_value("Thirty-eight, says the ministry.")
    assert not Note.objects.filter(parent__isnull=False).exists()


def test_back_to_a_story_after_its_note_was_sent_does_not_ask_about_it(page, desk_user):
    """After Back, saving the story asked whether to drop a note "not sent yet": the one sent, which was sent again."""
    an_editor_at_the_story(page, desk_user)
    dialogs = answer_dialogs(page, accept=False)
    page.locator("#id_note_text").fill(NOTE)
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator(".messagelist")).to_contain_text("Note added.")
    page.go_back()
    expect(page.locator("#id_note_text")).to_have_value(NOTE)  # the browser's own form restoration
    page.get_by_role("link", name="Schedule board").first.click()
    expect(page).to_have_url(re.compile(r"/schedule/$"))  # a "Leave site?" answered no would have kept the page
    assert dialogs == [] and Note.objects.count() == 1
