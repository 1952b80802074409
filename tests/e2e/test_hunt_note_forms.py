"""A note or a reply typed on a story's desk page is sent as the story's own save is: not into the login page
of an ended session."""

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

