"""The 500 and 503 pages give back what a failed save typed: on a phone it is read without sideways scrolling."""
import pytest
from django.test import Client

pytestmark = [pytest.mark.e2e, pytest.mark.urls("tests.security.urls")]

BODY = "<p>Talks resume at noon, the union says, after a night of talks at the port authority.</p>"


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
