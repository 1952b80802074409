"""Pages reflow at 320 CSS pixels (WCAG 2.1, 1.4.10) whatever words a story or a reader types.

The stylesheet let no long word break: a web address quoted in a standfirst, in a story's body or in a live entry,
or pasted into the search box, is one "word" wider than a phone, and the page scrolled sideways on a 320-pixel
screen: a reader had to pan left and right to read every line of the card, the live entry or the search summary.
"""
import pytest

from live import services as live_services
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.e2e

ADDRESS = "https://www.gov.uk/government/publications/flood-risk-management-plans-2021-to-2027"


def scroll_width(phone, url) -> int:
    assert phone.goto(url).status == 200, url
    return phone.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def phone(new_context):
    page = new_context().new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    return page


@pytest.fixture
def story_quoting_an_address():
    return ArticleFactory(
        published=True, section=SectionFactory(slug="news", name="News"), headline="Flood plans published",
        standfirst=f"The plans are at {ADDRESS} for comment.",
        body=f"<p>The agency published its plans at {ADDRESS} on Monday.</p>",
    )


@pytest.mark.parametrize("page", ["home", "section", "story"])
def test_a_web_address_in_a_story_does_not_make_the_page_scroll_sideways_on_a_phone(phone, story_quoting_an_address, page):
    """The standfirst's address runs past the card's edge on the front and section pages, and past the body on the
    story's page: the whole page is wider than the 320-pixel screen."""
    url = {"home": "/", "section": "/section/news/", "story": story_quoting_an_address.get_absolute_url()}[page]
    assert scroll_width(phone, url) <= 320


def test_a_web_address_in_a_live_entry_does_not_make_the_page_scroll_sideways_on_a_phone(phone, story_quoting_an_address):
    """A live entry quoting an address (as a reporter pastes one) widens the live story's page."""
    editor = UserFactory(username="live-editor", role="Editor")
    coverage = live_services.coverage_start(article=ArticleFactory(published=True, headline="Floods: live"), by=editor)
    live_services.entry_create(coverage=coverage, by=editor, body=f"<p>Read the warning: {ADDRESS}</p>")
    assert scroll_width(phone, coverage.article.get_absolute_url()) <= 320


def test_a_pasted_address_in_search_does_not_make_the_results_page_scroll_sideways_on_a_phone(phone, story_quoting_an_address):
    """Searching for a pasted address: the summary "0 stories for “https://…”" is wider than the screen."""
    assert scroll_width(phone, "/search/?q=" + ADDRESS.replace("2027", "2030")) <= 320
