"""A save refused for a colleague's meanwhile shows both versions: on a phone, or at 400 % zoom, they are read
without sideways scrolling (WCAG 1.4.10), whatever a body's links make of its lines."""
import pytest
import reversion
from django.test import Client

from tests.desk.helpers import change_url, edit_form
from tests.factories import ArticleFactory

from .helpers import log_in

pytestmark = pytest.mark.e2e

STATEMENT = "https://www.example.org/reports/2026/ceasefire-talks-northern-syria-full-statement-of-the-delegations.pdf"


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
