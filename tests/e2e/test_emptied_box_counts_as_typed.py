"""A box emptied on a desk form is a change typed there too (static/js/keep-typed.js): leaving warns, and a save
after the session ended is held back, not sent into the login page."""
import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from live import services
from live.models import LiveEntry
from tests.factories import ArticleFactory

from .helpers import answer_dialogs, log_in

pytestmark = pytest.mark.e2e

NAMED = "Mayor Demir among the injured"


def an_editor_emptying_an_entrys_headline(page, desk_user) -> tuple[list, LiveEntry]:
    """The headline named someone before the family was told: the editor empties it."""
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    coverage = services.coverage_start(article=ArticleFactory(published=True, headline="Floods: live updates"), by=editor)
    entry = services.entry_create(coverage=coverage, by=editor, body="Six people were taken to hospital.", headline=NAMED)
    dialogs = answer_dialogs(page, accept=False)
    log_in(page, editor)
    page.goto(f"/admin/live/livecoverage/{coverage.pk}/entry/{entry.pk}/edit/")
    page.get_by_label("Headline (optional)").fill("")
    return dialogs, entry


def test_an_emptied_headline_warns_before_the_page_is_left(page, desk_user):
    dialogs, _entry = an_editor_emptying_an_entrys_headline(page, desk_user)
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Home").first.click()
    assert dialogs == ["beforeunload"]


def test_an_emptied_headline_saved_after_the_session_ended_is_held_back(page, desk_user):
    """It went to the login page, and after the login the entry still carried the name, on readers' pages."""
    dialogs, entry = an_editor_emptying_an_entrys_headline(page, desk_user)
    Session.objects.all().delete()
    with page.expect_event("dialog", lambda dialog: "no longer logged in" in dialog.message):
        page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_label("Headline (optional)")).to_have_value("")
    assert "/admin/login/" not in page.url and LiveEntry.objects.get(pk=entry.pk).headline == NAMED
