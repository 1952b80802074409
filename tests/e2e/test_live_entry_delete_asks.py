"""Deleting a live entry takes its words off readers' open pages at once, for good: the desk asks first, as it does
for the other buttons that change what readers see now (README, "Publish now", "Withdraw")."""
import pytest
from playwright.sync_api import expect

from live import services as live_services
from live.models import LiveEntry
from tests.factories import ArticleFactory

from .helpers import answer_dialogs, log_in

pytestmark = pytest.mark.e2e


def test_delete_pressed_by_mistake_on_a_published_entry_asks_and_deletes_nothing_when_refused(page, desk_user):
    """An editor tabbing through the composer's entry list presses Enter on "Delete" instead of "Pin": the desk asks
    first, and answered "Cancel", the entry stays out for readers."""
    editor = desk_user("elif", "Editor")
    coverage = live_services.coverage_start(article=ArticleFactory(published=True), by=editor)
    entry = live_services.entry_create(coverage=coverage, by=editor, body="Roads closed along the coast.")
    log_in(page, editor)
    questions = answer_dialogs(page, accept=False)
    page.goto(f"/admin/live/livecoverage/{coverage.pk}/change/")
    page.get_by_role("button", name="Pin").focus()
    page.keyboard.press("Tab")  # on to "Delete", the next button in the row
    with page.expect_event("dialog"):
        page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Delete")).to_be_visible()
    assert questions and "readers" in questions[0]
    assert not LiveEntry.objects.get(pk=entry.pk).is_deleted
