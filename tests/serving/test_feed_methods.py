"""Methods other than GET/HEAD on the feeds and sitemaps: refused as on every other reader page."""
import pytest
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db]

DOCUMENTS = ["/feed/rss/", "/feed/atom/", "/sitemap.xml", "/sitemap-news.xml"]


@pytest.fixture(autouse=True)
def story(db):
    return ArticleFactory(published=True)


@pytest.mark.parametrize("url", DOCUMENTS)
def test_trace_on_a_feed_or_sitemap_is_refused_with_405_and_allow(url):
    """RFC 9110 9.3.8 / 15.5.6: a TRACE is answered by echoing the request as message/http, or refused (405, with
    Allow). The feeds (Django's Feed.__call__ checks no method) and sitemaps (no require_safe, unlike robots.txt)
    answer it with 200 and the whole document, where story pages, robots.txt, renditions and the API all answer
    405 with Allow: GET, HEAD(, OPTIONS)."""
    response = Client(enforce_csrf_checks=True).generic("TRACE", url)
    assert response.status_code == 405, (response.status_code, response.get("Content-Type"))
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("url", DOCUMENTS)
def test_options_on_a_feed_or_sitemap_answers_allow_not_the_document(url):
    """RFC 9110 9.3.7: an OPTIONS is answered with the methods the resource allows (Allow), not the
    representation (a story page answers 200 `Allow: GET, HEAD, OPTIONS` with no body; robots.txt 405). The feeds
    and sitemaps render and send the whole document, feeds with the Last-Modified the README says no reader page
    sends, and without any Allow header."""
    response = Client(enforce_csrf_checks=True).options(url)
    assert "Allow" in response, (response.status_code, response.get("Content-Type"), len(response.content))
    assert "Last-Modified" not in response
