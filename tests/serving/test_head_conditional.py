"""Conditional requests on reader pages: a HEAD is as conditional as a GET."""
import pytest

from serving.pagecache import STATUS_HEADER
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]


@pytest.mark.parametrize("cached", [False, True], ids=["fresh", "cached"])
@pytest.mark.parametrize("kind", ["story", "feed"])
def test_a_head_whose_if_none_match_matches_is_answered_304(client, settings, cached, kind):
    """RFC 9110 13.1.2 and 13.2.1: If-None-Match applies to GET *and HEAD*; a server evaluating it must answer 304
    when the validator matches. A GET gets that 304 here, but a HEAD gets a full 200: feed readers, crawlers and
    uptime checks that revalidate with HEAD (cheap freshness probes) are told every time that the page changed.
    The API already does it right (its middleware turns HEAD into GET); the reader pages do not, because Django's
    ConditionalGetMiddleware returns early for any method but GET."""
    settings.PAGE_CACHE_ENABLED = cached
    url = ArticleFactory(published=True).get_absolute_url() if kind == "story" else "/feed/rss/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304  # the GET is answered right
    head = client.head(url, HTTP_IF_NONE_MATCH=etag)
    assert head.status_code == 304, (head.status_code, head.get(STATUS_HEADER))
    assert head["ETag"] == etag
