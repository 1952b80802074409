"""The story form on a phone, or zoomed to 400 %: 320 CSS pixels wide, its boxes fit the screen (WCAG 1.4.10)."""
import pytest

from tests.desk.helpers import change_url

from .helpers import body_editor, log_in
from .stories import story_in_review

pytestmark = pytest.mark.e2e


def test_the_desk_panel_and_notes_boxes_fit_a_320_pixel_screen(page, desk_user):
    """An editor opening a story in review at 320 CSS pixels reads the desk panel's note box and the notes panel's
    comment box whole: neither is wider than the screen, so typing a note needs no sideways scrolling. (The workflow
    record's table may scroll: a data table is exempt.)"""
    editor = desk_user("elif", "Editor")
    article = story_in_review(journalist=desk_user("jonas", "Journalist"))
    log_in(page, editor)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(change_url(article))
    body_editor(page)
    for box in (page.get_by_label("Note for the record"), page.get_by_label("Comment")):
        box_right = box.evaluate("(element) => element.getBoundingClientRect().right")
        assert box_right <= 320
