"""A passage the body holds twice, selected at its second copy and quoted: the note is anchored there."""
import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ArticleFactory

from .helpers import log_in, select_in_body

pytestmark = pytest.mark.e2e

PASSAGE = "the mayor said"


def test_a_note_quoting_the_second_copy_of_a_passage_is_anchored_at_it(new_context, desk_user):
    editor = desk_user("ed", "Editor")
    story = ArticleFactory(status=Article.Status.REVIEW, body=(
        "<p>Turnout fell sharply, the mayor said on Monday.</p><p>Later the mayor said the count was wrong.</p>"))
    desk = new_context().new_page()
    log_in(desk, editor)
    desk.goto(f"/admin/articles/article/{story.pk}/change/")
    notes = desk.locator("#notes")
    notes.locator("#id_note_text").fill("Which day was this?")
    select_in_body(desk, PASSAGE, copy=1)  # the second paragraph's
    notes.get_by_role("button", name="Quote the selected words").click()
    expect(notes.locator("#id_note_quote")).to_have_value(PASSAGE)
    notes.get_by_role("button", name="Add the note").click()
    expect(desk.locator(".note-quote mark")).to_have_text(PASSAGE)
    assert "Later <mark>the mayor said</mark> the count" in desk.locator(".note-quote").inner_html()
