"""The desk on a phone, or zoomed to 400 %: at 320 CSS pixels its pages are read without sideways scrolling (WCAG
1.4.10, reflow): the story form's boxes, a refused save's two versions, and the text a 500 or 503 page gives back."""
import pytest
import reversion
from django.test import Client

from tests.desk.helpers import change_url, edit_form
from tests.factories import ArticleFactory

from .helpers import body_editor, log_in
from .stories import story_in_review

pytestmark = pytest.mark.e2e

BODY = "<p>Talks resume at noon, the union says, after a night of talks at the port authority.</p>"
STATEMENT = "https://www.example.org/reports/2026/ceasefire-talks-northern-syria-full-statement-of-the-delegations.pdf"


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


def test_both_versions_of_a_conflicting_body_fit_a_320_pixel_screen(page, desk_user):
    """Two editors changed a body holding a long link: the refused editor, at 320 CSS pixels, reads their version,
    the colleague's and the line-by-line difference within the screen's width."""
    first_editor, second_editor = desk_user("elif", "Editor"), desk_user("omar", "Editor")
    with reversion.create_revision():
        article = ArticleFactory(status="review", body="<p>Original body.</p>")
    first, second = Client(), Client()
    first.force_login(first_editor)
    second.force_login(second_editor)
    stale = edit_form(article, body=f'<p>See <a href="{STATEMENT}">the statement</a>.</p>')
    assert first.post(change_url(article), edit_form(article, body=f'<p>Read <a href="{STATEMENT}?v=2">it</a>.</p>')).status_code == 302
    refused = second.post(change_url(article), stale)
    assert refused.status_code == 200
    log_in(page, second_editor)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/admin/")  # on the desk's origin: the refused page's styles load from the live server
    page.set_content(refused.content.decode(), wait_until="load")  # the page the refused save answered with
    page.locator(".desk-conflict summary").click()  # "Line by line": the difference opened
    widest = page.locator(".desk-conflict .desk-version, .desk-conflict .desk-diff li").evaluate_all(
        "(elements) => Math.max(...elements.map((element) => element.getBoundingClientRect().right))")
    assert widest <= 320


@pytest.mark.urls("tests.security.urls")
@pytest.mark.parametrize("path, status", [("/boom/", 500), ("/database-gone/", 503)])
def test_the_text_an_error_page_gives_back_fits_a_320_pixel_screen(page, path, status):
    """A journalist on a phone whose save met an error reads and copies their words at 320 CSS pixels without
    scrolling the page sideways (WCAG 1.4.10, reflow): the box holding them is no wider than the screen."""
    response = Client(raise_request_exception=False).post(path, {"body": BODY, "headline": "Ferry strike"})
    assert response.status_code == status
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/admin/login/")  # on the site's origin: what the page links to loads from the live server
    page.set_content(response.content.decode(), wait_until="load")  # the page as the server sent it, at a phone's width
    assert page.get_by_label("body").input_value() == BODY
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
