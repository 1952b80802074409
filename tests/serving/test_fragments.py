"""Fragments: put into every reader page as it is served, hit or miss, kept FRAGMENT_SECONDS at most."""
import time

import pytest
from django.core.cache import cache

from serving import fragments
from serving.pagecache import STATUS_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def banner(monkeypatch):
    """The `alerts` fragment, as a test controls it: `banner.html = …`."""
    class Banner:
        html, until, renders = "<p>first</p>", float("inf"), 0

        def __call__(self, request, arg):
            self.renders += 1
            return fragments.Piece(f"{self.html}[{arg}]", self.until)
    made = Banner()
    monkeypatch.setitem(fragments.renderers, "alerts", made)
    return made


def test_a_cached_page_gets_the_fragment_of_the_moment(client, banner, time_machine):
    time_machine.move_to("2026-11-24 12:00:00Z", tick=False)
    assert "<p>first</p>[]" in client.get("/").content.decode()
    banner.html = "<p>second</p>"
    time_machine.move_to("2026-11-24 12:00:04Z", tick=False)
    kept = client.get("/")
    assert kept[STATUS_HEADER] == "hit" and "<p>first</p>" in kept.content.decode()  # kept FRAGMENT_SECONDS
    time_machine.move_to("2026-11-24 12:00:05Z", tick=False)
    fresh = client.get("/")
    assert fresh[STATUS_HEADER] == "hit" and "<p>second</p>" in fresh.content.decode()
    assert fresh["ETag"] != kept["ETag"]
    assert int(fresh["Content-Length"]) == len(fresh.content)


@pytest.mark.parametrize("cached", [True, False], ids=["hit", "miss"])
def test_head_sends_the_length_and_etag_get_sends_with_the_fragments(client, banner, cached):
    """A HEAD's body is emptied once the fragments are in: its headers are a GET's (RFC 9110), no body."""
    get = client.get("/")
    if not cached:
        cache.clear()
    head = client.head("/")
    assert head[STATUS_HEADER] == ("hit" if cached else "miss")
    assert (head["ETag"], head["Content-Length"]) == (get["ETag"], get["Content-Length"]) and head.content == b""


def test_a_fragment_is_kept_no_longer_than_it_says(client, banner, time_machine):
    time_machine.move_to("2026-11-24 12:00:00Z", tick=False)
    banner.until = time.time() + 2
    client.get("/")
    banner.html = "<p>second</p>"
    time_machine.move_to("2026-11-24 12:00:02Z", tick=False)
    assert "<p>second</p>" in client.get("/").content.decode()


def test_an_unknown_fragment_is_a_404(client):
    assert client.get("/fragment/nothing/").status_code == 404


def test_a_page_without_a_marker_is_left_alone(client, banner):
    client.get("/feed/rss/")
    assert banner.renders == 0


@pytest.mark.usefixtures("each_cache_backend")
def test_a_process_keeps_its_copy_to_the_shared_copys_end_and_reads_the_shared_cache_once(client, banner, time_machine, monkeypatch):
    """A hit makes one round trip to the shared cache (the page), not two: the banner read once is kept
    by the process until the shared copy's end, and no later."""
    time_machine.move_to("2026-11-24 12:00:00Z", tick=False)
    client.get("/")  # rendered: the fragment is computed and kept in the shared cache
    client.get("/")  # read from the shared cache, and kept by the process
    reads = []
    shared = fragments.shared_cache()
    monkeypatch.setattr(fragments, "shared_cache", lambda: reads.append(1) or shared)
    banner.html = "<p>second</p>"
    time_machine.move_to("2026-11-24 12:00:04Z", tick=False)
    assert "<p>first</p>" in client.get("/").content.decode() and reads == []
    time_machine.move_to("2026-11-24 12:00:05Z", tick=False)
    assert "<p>second</p>" in client.get("/").content.decode() and reads


def test_with_no_cache_the_process_keeps_no_copy(client, banner, settings):
    """"Nothing cached" means nothing: with a DummyCache every page renders its fragment afresh."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.get("/")
    client.get("/")
    assert banner.renders == 2 and not fragments.local


def test_a_copy_in_its_last_second_is_made_afresh_so_a_front_cache_can_keep_it(client, banner, time_machine):
    """`s-maxage` is whole seconds: a copy with less than one left would be sent as `s-maxage=0`, and Varnish
    would fetch the fragment again for every page it serves in that second."""
    time_machine.move_to("2026-11-24 12:00:00Z", tick=False)
    client.get("/fragment/alerts/?arg=")
    time_machine.move_to("2026-11-24 12:00:04.5Z", tick=False)
    response = client.get("/fragment/alerts/?arg=")
    assert banner.renders == 2 and response["Cache-Control"] == "public, max-age=0, s-maxage=5"


def test_a_copy_ending_at_an_expiry_is_never_kept_past_it(client, banner, time_machine):
    time_machine.move_to("2026-11-24 12:00:00Z", tick=False)
    banner.until = time.time() + 0.5  # an alert expiring in half a second
    assert client.get("/fragment/alerts/?arg=")["Cache-Control"] == "public, max-age=0, s-maxage=0"


@pytest.mark.parametrize("esi", [False, True])
def test_every_marker_is_filled_each_time_the_same_page_is_served(rf, banner, esi):
    """A page served again from this process's copy is the same bytes: its markers, found once, are filled
    anew each time; text around them is kept as it is, and an unknown fragment leaves nothing."""
    from django.http import HttpResponse

    page = b"<p>a</p><!--fragment:alerts:5--><p>b</p><!--fragment:nothing:1--><p>c</p><!--fragment:alerts:-->"
    middleware = fragments.FragmentMiddleware(lambda request: HttpResponse(page))
    headers = {"HTTP_SURROGATE_CAPABILITY": 'varnish="ESI/1.0"'} if esi else {}
    served = [middleware(rf.get("/", **headers)).content.decode() for _ in range(2)]
    if esi:
        expected = ('<p>a</p><esi:include src="/fragment/alerts/?arg=5"/><p>b</p><p>c</p>'
                    '<esi:include src="/fragment/alerts/?arg="/>')
    else:
        expected = "<p>a</p><p>first</p>[5]<p>b</p><p>c</p><p>first</p>[]"
    assert served == [expected, expected]
