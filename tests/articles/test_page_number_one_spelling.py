"""A page number is ASCII digits, spelled once: int() also took "01", "+1", " 1", "1_0" and the Arabic-Indic "١", and
every spelling (or a repeated `page`) was one more page-cache key, the same listing rendered anew each time."""
import pytest

from tests.factories import ArticleFactory, SectionFactory

LISTINGS = [
    ("/section/politics/", "page"), ("/tag/budget/", "page"), ("/search/?q=harbour", "page"),
    ("/sitemap-section-politics.xml", "p"),
]
SPELLINGS_OF_ONE = ["01", "001", "+1", " 1", "1 ", "١", "１"]


@pytest.fixture
def listed(db):
    ArticleFactory(published=True, headline="Harbour talks", section=SectionFactory(slug="politics"), tags=["Budget"])


def with_page(url, name, *values) -> str:
    joiner = "&" if "?" in url else "?"
    return url + joiner + "&".join(f"{name}={value}" for value in values)


@pytest.mark.parametrize(("url", "name"), LISTINGS)
@pytest.mark.parametrize("spelling", SPELLINGS_OF_ONE)
def test_a_page_number_spelled_other_than_in_ascii_digits_is_a_404(client, listed, url, name, spelling):
    """Anyone could render a listing afresh at will, past the page cache, with ?page=01, ?page=001…"""
    assert client.get(with_page(url, name, "1")).status_code == 200
    assert client.get(with_page(url, name, spelling.replace(" ", "%20").replace("+", "%2B"))).status_code == 404


@pytest.mark.parametrize(("url", "name"), LISTINGS)
def test_a_repeated_page_number_is_a_404(client, listed, url, name):
    """The view read the last one, the page cache kept them all in its key: ?page=1&page=1&page=1… each a render."""
    assert client.get(with_page(url, name, "1", "1")).status_code == 404
