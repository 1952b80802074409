"""HEAD answered outside the page cache: the same header fields as the GET."""
import pytest

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db]


def test_a_head_with_the_page_cache_off_carries_the_etag_its_get_carries(client, settings):
    """RFC 9110 9.3.2: a server SHOULD send the same header fields to HEAD as to GET. README ("Caching"): a HEAD
    "leaves the app with the GET's Content-Length and ETag". With the page cache off (`PAGE_CACHE=0`, or several
    workers without Redis, which switches it off) the GET carries an ETag and the HEAD none, so a client or proxy
    that probes with HEAD has no validator to revalidate with."""
    settings.PAGE_CACHE_ENABLED = False
    url = ArticleFactory(published=True).get_absolute_url()
    get = client.get(url)
    head = client.head(url)
    assert get["ETag"]
    assert head.get("ETag") == get["ETag"]


def test_a_head_of_an_unknown_address_carries_the_etag_its_get_carries(client):
    """RFC 9110 9.3.2, as above, for the 404 of an address no view serves (`/no-such-page/`): its GET and HEAD carry
    the same headers (no-store, so no ETag on either: nothing may keep it)."""
    get = client.get("/no-such-page/")
    head = client.head("/no-such-page/")
    assert get.status_code == head.status_code == 404
    assert (head.get("ETag"), head["Cache-Control"]) == (get.get("ETag"), get["Cache-Control"])
