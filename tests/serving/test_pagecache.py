"""The readers' page cache: what it serves, what it never keeps, and how it is keyed."""
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.utils import timezone

from serving import pagecache
from serving.pagecache import STATUS_HEADER, canonical_host, normalise_query
from serving.purges import purge
from tests.helpers import head_as_a_server_sends_it

pytestmark = [pytest.mark.urls("tests.serving.urls"), pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]


@pytest.fixture(autouse=True)
def probe_namespace(settings):
    settings.PAGE_CACHE_NAMESPACES = ["articles", "probe"]


def body(response):
    return response.content.decode()


def test_anonymous_get_is_served_from_the_cache_the_second_time(client, django_assert_num_queries):
    first = client.get("/reader/plain/")
    with django_assert_num_queries(0):
        second = client.get("/reader/plain/")
    assert (first[STATUS_HEADER], second[STATUS_HEADER]) == ("miss", "hit")
    assert body(second) == body(first)


def test_head_is_answered_from_the_entry_a_get_stored(client):
    get = client.get("/reader/plain/")
    head = client.head("/reader/plain/")
    assert head[STATUS_HEADER] == "hit"
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content)) and head.content == b""


@pytest.mark.parametrize("cached", [False, True], ids=["miss", "hit"])
def test_a_head_leaves_the_app_with_the_gets_length_and_no_body(client, cached):
    """What gunicorn gets (the test client would strip a body itself): a body on a HEAD, it logs as an error."""
    if cached:
        client.get("/reader/plain/")
    sent, body = head_as_a_server_sends_it("/reader/plain/")
    get = client.get("/reader/plain/")  # the same entry, stored by the GET or by the HEAD
    assert body == b"" and get[STATUS_HEADER] == "hit"
    assert (sent["Content-Length"], sent["ETag"]) == (str(len(get.content)), get["ETag"])
    assert sent[STATUS_HEADER] == ("hit" if cached else "miss")


def test_tracking_parameters_and_parameter_order_share_one_entry(client):
    first = client.get("/reader/plain/?page=2&b=1&utm_source=news&fbclid=abc")
    second = client.get("/reader/plain/?utm_medium=social&b=1&page=2")
    assert second[STATUS_HEADER] == "hit"
    assert body(first) == body(second)


def test_the_view_sees_the_normalised_query_without_tracking_parameters(client):
    """Links a cached page builds from the query never carry one reader's tracking codes to the next."""
    assert body(client.get("/reader/plain/?utm_source=x&z=1&a=2&a=1")).endswith("a=2&a=1&z=1")


def test_different_queries_are_different_entries(client):
    assert client.get("/reader/plain/?page=1")[STATUS_HEADER] == "miss"
    assert client.get("/reader/plain/?page=2")[STATUS_HEADER] == "miss"


def test_each_host_has_its_own_entries(client, mirror_domain):
    client.get("/reader/plain/")
    assert client.get("/reader/plain/", HTTP_HOST="mirror.example")[STATUS_HEADER] == "miss"
    assert client.get("/reader/plain/", HTTP_HOST="MIRROR.Example")[STATUS_HEADER] == "hit"


def test_key_uses_the_domain_the_host_middleware_found():
    """The domains app sets `request.domain`; its hostname names the cache entry."""
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert canonical_host(request) == "testserver"
    request.domain = SimpleNamespace(hostname="www.example.org")
    assert canonical_host(request) == "www.example.org"


def test_default_port_is_not_part_of_the_host():
    assert canonical_host(RequestFactory().get("/", HTTP_HOST="testserver:80")) == "testserver"
    assert canonical_host(RequestFactory().get("/", HTTP_HOST="testserver:8080")) == "testserver:8080"


def test_query_normalisation_keeps_repeated_values_in_order():
    request = RequestFactory().get("/?tag=b&utm_campaign=x&tag=a&gclid=1&Page=3")
    assert normalise_query(request, frozenset({"tag", "Page", "utm_campaign"})) == "Page=3&tag=b&tag=a"
    assert request.GET.getlist("tag") == ["b", "a"]


def test_a_request_without_a_query_string_keys_as_one_with_an_empty_one():
    """A WSGI server may leave QUERY_STRING out of the environ: the key reads it all the same."""
    request = RequestFactory().get("/")
    del request.META["QUERY_STRING"]
    assert normalise_query(request, frozenset({"page"})) == "" and not request.GET
    assert pagecache.page_key(request) == pagecache.page_key(RequestFactory().get("/"))


def test_parameters_the_page_does_not_read_are_dropped_from_key_and_view(client):
    """`?x=<random>` on every request must not force a render each time (cache busting)."""
    first = client.get("/reader/plain/?page=2&x=1")
    second = client.get("/reader/plain/?x=2&page=2&other=3")
    assert second[STATUS_HEADER] == "hit"
    assert body(first).endswith(" page=2")


def test_a_reader_page_that_names_no_parameters_sees_no_query(client):
    first = client.get("/reader/no-query/?x=1")
    assert body(first).endswith(" ")
    assert client.get("/reader/no-query/?y=2")[STATUS_HEADER] == "hit"
    assert client.get("/reader/no-query/")[STATUS_HEADER] == "hit"


def test_staff_see_the_query_as_readers_do(client, editor):
    """A view reading a parameter it does not name fails for the desk too, not only for readers."""
    client.force_login(editor)
    response = client.get("/reader/no-query/?x=1")
    assert response[STATUS_HEADER] == "bypass" and body(response).endswith(" ")


def test_with_the_cache_off_the_view_still_sees_only_what_it_names(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    assert body(client.get("/reader/plain/?x=1&page=2")).endswith(" page=2")


def test_a_decorated_view_names_its_parameters():
    client = Client()
    first = client.get("/reader/plain/?page=3&x=1")
    assert body(first).endswith(" page=3")
    assert client.get("/reader/plain/?page=3&x=2")[STATUS_HEADER] == "hit"
    assert client.get("/reader/plain/?page=4")[STATUS_HEADER] == "miss"


def test_a_request_with_a_session_cookie_is_never_served_from_nor_stored_in_the_cache(client, editor):
    client.get("/reader/plain/")
    client.force_login(editor)
    staff = client.get("/reader/plain/")
    assert staff[STATUS_HEADER] == "bypass"
    assert "private" in staff["Cache-Control"] and "public" not in staff["Cache-Control"]
    client.logout()
    assert body(client.get("/reader/plain/")) != body(staff)


@pytest.mark.parametrize("cookie", ["made-up-session-key-0123456789", "x"], ids=["made-up", "malformed"])
def test_a_session_cookie_that_names_no_session_is_served_from_the_cache(client, cookie, django_assert_max_num_queries):
    """Anyone may send a `sessionid`: were it enough to bypass the cache, every request of a flood would be rendered."""
    first = client.get("/reader/plain/")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    with django_assert_max_num_queries(1):  # the session looked up, nothing rendered
        hit = client.get("/reader/plain/")
    assert hit[STATUS_HEADER] == "hit" and body(hit) == body(first)
    assert "public" in hit["Cache-Control"] and not hit.cookies


def test_a_reader_with_an_expired_session_gets_the_readers_page_and_it_is_stored(client, editor):
    """A session the database no longer holds (expired, logged out elsewhere): its reader is anonymous."""
    client.force_login(editor)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    first = client.get("/reader/plain/")
    assert first[STATUS_HEADER] == "miss" and not first.cookies
    assert client.get("/reader/plain/")[STATUS_HEADER] == "hit"


def test_a_session_that_cannot_be_read_is_not_taken_for_a_reader(client, editor, monkeypatch):
    """The database away: the request is rendered for itself alone, as staff's are, never served a reader's copy."""
    client.get("/reader/plain/")
    client.force_login(editor)

    def unreadable(self):
        raise OperationalError("connection refused")
    monkeypatch.setattr(SessionStore, "load", unreadable)
    assert pagecache.holds_a_session(RequestFactory(HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}").get("/"))


@pytest.mark.parametrize("url", ["/reader/cookie/", "/reader/form/", "/reader/private/"])
def test_responses_that_set_cookies_carry_a_csrf_token_or_say_private_are_not_stored(client, url):
    first = client.get(url)
    assert STATUS_HEADER not in first or first[STATUS_HEADER] != "hit"
    second = client.get(url)
    assert body(second) != body(first)


def test_a_page_with_a_csrf_token_is_not_stored_even_when_the_reader_already_has_the_cookie(client):
    client.get("/reader/form/")  # sets the csrftoken cookie
    first = client.get("/reader/form/")
    assert body(client.get("/reader/form/")) != body(first)


def test_response_varying_on_cookie_is_stored_only_for_requests_without_cookies(client, committed):
    client.get("/reader/vary/")
    assert client.get("/reader/vary/")[STATUS_HEADER] == "hit"
    client.cookies["theme"] = "dark"
    client.cookies["seen-it"] = "yes"
    with committed():
        purge(["probe"])
    first = client.get("/reader/vary/")
    assert body(client.get("/reader/vary/")) != body(first)


def test_post_is_never_answered_from_the_cache(client):
    cached = client.get("/reader/plain/")
    posted = client.post("/reader/plain/")
    assert body(posted) != body(cached)
    assert STATUS_HEADER not in posted


@pytest.mark.parametrize(("url", "cached"), [
    ("/reader/plain/", True),  # a reader page (its namespace) that names what it shows
    ("/reader/untagged/", False),  # a reader page that names nothing
    ("/elsewhere/", False),  # a tagged view outside the reader namespaces
])
def test_reader_pages_are_their_namespaces_views_that_name_what_they_show(client, url, cached):
    first = client.get(url)
    assert (body(client.get(url)) == body(first)) is cached


def test_health_check_and_admin_are_never_cached(client):
    for url in ["/healthz", "/admin/login/"]:
        assert STATUS_HEADER not in client.get(url)


@pytest.mark.parametrize("twice", [False, True], ids=["miss", "hit"])
def test_browsers_keep_nothing_front_caches_keep_pages_under_their_tags(client, twice):
    """No purge reaches a browser, so it revalidates every time; a front cache may keep the page."""
    response = client.get("/")
    if twice:
        response = client.get("/")
    assert response["Cache-Control"] == (
        "public, max-age=0, must-revalidate, s-maxage=300, stale-while-revalidate=30, stale-if-error=300"
    )
    assert response["xkey"] == response["Surrogate-Key"] == "alerts home site"
    assert response["Cache-Tag"] == "alerts,home,site"
    assert response["ETag"]


def test_a_reader_page_that_names_nothing_it_shows_is_not_cached(client):
    """Without tags no purge could reach it: it is neither kept nor offered to front caches."""
    first = client.get("/reader/untagged/")
    assert body(client.get("/reader/untagged/")) != body(first)
    assert "xkey" not in first and "s-maxage" not in first.get("Cache-Control", "")


@pytest.mark.parametrize("warm", [False, True], ids=["fresh", "cached"])
def test_conditional_get_answers_304(client, warm, committed):
    etag = client.get("/")["ETag"]
    if not warm:
        with committed():
            purge(["home"])
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag and "public" in response["Cache-Control"]


def test_a_purge_of_a_tag_makes_its_pages_miss_and_leaves_the_others(client, committed):
    client.get("/reader/plain/")
    client.get("/")
    with committed():
        purge(["probe"])
    assert client.get("/reader/plain/")[STATUS_HEADER] == "miss"
    assert client.get("/")[STATUS_HEADER] == "hit"


def test_a_lost_purge_record_makes_the_pages_rendered_before_it_miss(client, committed):
    """A purge whose tags the cache lost (evicted) might have named any page: those rendered before it miss."""


    from serving.tags import PURGES_KEY, purge_key

    client.get("/reader/plain/")
    with committed():
        purge(["elsewhere"])
    cache.delete(purge_key(cache.get(PURGES_KEY)))
    assert client.get("/reader/plain/")[STATUS_HEADER] == "miss"
    assert client.get("/reader/plain/")[STATUS_HEADER] == "hit"


def test_a_lost_purge_count_makes_every_page_miss_once(client, committed):
    """A cache that lost its count (flushed, evicted) starts a new one above the old: no page looks current."""


    from serving.tags import PURGES_KEY

    client.get("/reader/plain/")
    cache.delete(PURGES_KEY)
    assert client.get("/reader/plain/")[STATUS_HEADER] == "miss"
    with committed():
        purge(["elsewhere"])
    assert client.get("/reader/plain/")[STATUS_HEADER] == "hit"


def test_a_page_older_than_many_purges_is_rendered_again_and_then_hits(client, committed):
    from serving.pagecache import PURGES_READ_AT_MOST

    client.get("/reader/plain/")
    for _ in range(PURGES_READ_AT_MOST):
        with committed():
            purge(["elsewhere"])
    assert client.get("/reader/plain/")[STATUS_HEADER] == "hit", "checked against every purge since"
    with committed():
        purge(["elsewhere"])
    assert client.get("/reader/plain/")[STATUS_HEADER] == "miss", "too many purges since: rendered again"
    assert client.get("/reader/plain/")[STATUS_HEADER] == "hit"


def test_a_process_serves_its_own_copy_of_a_page_checked_against_the_purges_like_the_shared_one(client, committed):
    """A hit on a page this process holds reads its stamp, not the page: the copy serves while the shared cache
    holds that very entry (here, only its stamp is left), and a purge of one of its tags makes it miss."""


    first = client.get("/reader/plain/")
    (key,) = pagecache.local
    cache.delete(key)
    second = client.get("/reader/plain/")
    assert (second[STATUS_HEADER], body(second)) == ("hit", body(first))
    with committed():
        purge(["probe"])
    assert client.get("/reader/plain/")[STATUS_HEADER] == "miss"


def test_a_process_copies_the_pages_it_reads_from_the_shared_cache(client):
    """What another app server rendered is copied too, at its first hit here."""
    client.get("/reader/plain/")
    pagecache.local.clear()  # this process did not render it
    assert client.get("/reader/plain/")[STATUS_HEADER] == "hit"
    assert len(pagecache.local) == 1


def test_a_process_whose_copy_was_purged_serves_the_page_another_rendered_since(client, committed, django_assert_num_queries):
    client.get("/reader/plain/")
    ((key, before),) = pagecache.local.items()
    with committed():
        purge(["probe"])
    rendered = client.get("/reader/plain/")  # by the other app server, say: the shared cache holds it now
    pagecache.local[key] = before  # this process still holds the copy from before the purge
    with django_assert_num_queries(0):
        again = client.get("/reader/plain/")
    assert (again[STATUS_HEADER], body(again)) == ("hit", body(rendered))


def test_a_copy_is_not_served_once_the_shared_cache_lost_its_entry_and_reused_purge_numbers(client, committed):
    """Redis restored from a snapshot (or a replica a little behind): the count goes back and the purges made
    since reuse its numbers. A copy of an entry the shared cache no longer holds must not look current."""


    from serving.tags import PURGES_KEY

    client.get("/reader/plain/")
    (key,) = pagecache.local
    cache.set(PURGES_KEY, cache.get(PURGES_KEY) - 1, timeout=None)  # the last purge lost
    cache.delete_many([key, pagecache.stamp_key(key)])  # and the entry stored after it
    with committed():
        purge(["probe"])  # takes the lost purge's number again
    assert client.get("/reader/plain/")[STATUS_HEADER] == "miss"


def test_a_process_copy_made_under_a_count_since_started_again_below_it_misses(client):
    """A flushed cache whose count restarts lower (a server's clock behind the others'): no copy looks current."""


    from serving.tags import PURGES_KEY

    client.get("/reader/plain/")
    cache.set(PURGES_KEY, cache.get(PURGES_KEY) - 1_000_000, timeout=None)
    assert client.get("/reader/plain/")[STATUS_HEADER] == "miss"


def test_a_process_keeps_copies_of_a_bounded_number_of_pages_of_bounded_size(client, monkeypatch):
    monkeypatch.setattr(pagecache, "LOCAL_AT_MOST", 2)
    for page in range(5):
        client.get(f"/reader/plain/?page={page}")
        assert 1 <= len(pagecache.local) <= 2
    pagecache.local.clear()
    monkeypatch.setattr(pagecache, "LOCAL_LARGEST", 5)
    client.get("/reader/plain/")
    assert client.get("/reader/plain/")[STATUS_HEADER] == "hit" and not pagecache.local


def test_pages_are_served_uncached_when_the_cache_is_down(client, cache_down):
    first, second = client.get("/reader/plain/"), client.get("/reader/plain/")
    assert first.status_code == second.status_code == 200
    assert body(first) != body(second)
    assert not pagecache.local, "a copy only of what the shared cache holds"


def test_page_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    first = client.get("/reader/plain/")
    assert body(client.get("/reader/plain/")) != body(first)


@pytest.mark.parametrize(("name", "kwargs", "reads"), [
    ("articles:home", {}, set()),
    ("articles:detail", {"pk": 1, "slug": "a-story"}, set()),
    ("articles:section", {"slug": "news"}, {"page"}),
    ("articles:tag", {"slug": "syria"}, {"page"}),
    ("articles:search", {}, {"q", "page"}),
    ("articles:feed-rss", {}, set()),
    ("articles:sitemap", {}, set()),
    ("articles:robots", {}, set()),
    ("articles:feed-atom", {}, set()),
    ("articles:detail-short", {"pk": 1}, set()),
    ("articles:sitemap-section", {"section": "news"}, {"p"}),
])
def test_each_reader_page_names_the_query_parameters_it_reads(name, kwargs, reads):
    from django.urls import reverse

    from django.conf import settings

    from serving.pagecache import resolve_reader_page

    assert resolve_reader_page(settings.ROOT_URLCONF, reverse(name, kwargs=kwargs)) == frozenset(reads)


def test_a_made_up_parameter_on_a_story_is_the_same_cached_page(client):
    from tests.factories import ArticleFactory

    url = ArticleFactory(published=True).get_absolute_url()
    first = client.get(f"{url}?nocache=1")
    assert client.get(f"{url}?nocache=2")[STATUS_HEADER] == "hit"
    assert client.get(url)[STATUS_HEADER] == "hit"
    assert first.status_code == 200


def test_search_keeps_its_query_and_page_and_drops_the_rest(client):
    from tests.factories import ArticleFactory

    ArticleFactory(published=True, headline="Ferry timetable changes for winter")
    found = client.get("/search/?q=ferry&session=1")
    assert "timetable changes" in body(found)
    assert client.get("/search/?session=2&q=ferry")[STATUS_HEADER] == "hit"
    assert "timetable changes" not in body(client.get("/search/?q=tramway&session=1"))


def test_the_sitemap_page_parameter_reaches_the_view(client):
    from tests.factories import ArticleFactory

    ArticleFactory(published=True)
    assert client.get("/sitemap-news.xml?p=1").status_code == 200
    assert client.get("/sitemap-news.xml?p=2").status_code == 404  # one page only: p was read
