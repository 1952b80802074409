"""Coalesced misses: when many readers ask for a page nobody has cached yet, it is rendered once.

Each request runs on its own thread with its own client, at the same moment, as gunicorn workers
would; the probe view's render is held until every other reader has arrived, waiting for it or rendering too.
"""
import threading

import pytest
from asgiref.sync import async_to_sync
from django.core.cache import cache
from django.db import connections
from django.test import AsyncClient, Client, RequestFactory

from serving.coalesce import NOT_STORED, Coalescer
from serving.pagecache import STATUS_HEADER, page_key
from tests.serving.urls import held

pytestmark = [pytest.mark.urls("tests.serving.urls"), pytest.mark.django_db(transaction=True, serialized_rollback=True)]
READERS = 4


@pytest.fixture(autouse=True)
def probe_namespace(settings):
    settings.PAGE_CACHE_NAMESPACES = ["articles", "probe"]


@pytest.fixture(autouse=True)
def a_waiting_reader_has_arrived(monkeypatch):
    """A reader waiting for another's render counts as arrived, as one rendering does (tests/serving/urls.py)."""
    wait = Coalescer.wait

    def counted_wait(self, read):
        held.arrived.release()
        return wait(self, read)

    monkeypatch.setattr(Coalescer, "wait", counted_wait)


def fetch_at_once(url, readers=READERS):
    """GET `url` from `readers` threads released together, the page's render held until each reader renders
    it or waits for another's render; return their responses."""
    responses = [None] * readers
    start = threading.Barrier(readers)

    def read(index):
        try:
            start.wait()
            responses[index] = Client().get(url)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(index,)) for index in range(readers)]
    held.hold()
    try:
        for thread in threads:
            thread.start()
        for _ in range(readers):
            assert held.arrived.acquire(timeout=30), "a reader neither rendered nor waited for 30 s"
    finally:
        held.released.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a reader was still waiting after 30 s"
    return responses


def test_concurrent_misses_render_the_page_once():
    responses = fetch_at_once("/reader/slow/")
    assert len({response.content for response in responses}) == 1
    assert sorted(response[STATUS_HEADER] for response in responses) == ["hit"] * (READERS - 1) + ["miss"]


def test_without_coalescing_every_concurrent_miss_renders(settings):
    """The control for the test above: with no wait, each reader renders the page itself."""
    settings.PAGE_CACHE_RENDER_WAIT = 0
    responses = fetch_at_once("/reader/slow/")
    assert len({response.content for response in responses}) == READERS


def test_readers_render_themselves_when_the_page_may_not_be_stored():
    """A response that sets a cookie is never shared: the waiting readers stop waiting and render."""
    responses = fetch_at_once("/reader/slow-cookie/", readers=2)
    assert len({response.content for response in responses}) == 2
    assert all(response.status_code == 200 for response in responses)


def test_a_claim_left_by_a_worker_that_died_holds_readers_back_at_most_the_render_wait(settings):
    settings.PAGE_CACHE_RENDER_WAIT = 0.2
    assert claim("/reader/plain/").token  # this "worker" claims the render, then never finishes it
    response = Client().get("/reader/plain/")
    assert response.status_code == 200 and response[STATUS_HEADER] == "miss"
    assert Client().get("/reader/plain/")[STATUS_HEADER] == "hit"


def test_a_render_that_raises_holds_no_reader_back(client, settings):
    settings.PAGE_CACHE_RENDER_WAIT = 30
    with pytest.raises(RuntimeError):
        client.get("/reader/broken/")
    coalescer = claim("/reader/broken/")
    assert coalescer.token is None and coalescer.wait(lambda: "entry") is None, "a reader waited for a failed render"
    assert cache.get(coalescer.key) == NOT_STORED


def claim(url) -> Coalescer:
    """Claim the render of `url` as a reader's request would."""
    from django.conf import settings

    request = RequestFactory().get(url)
    coalescer = Coalescer(cache, page_key(request), settings.PAGE_CACHE_RENDER_WAIT)
    coalescer.claim()
    return coalescer


def test_a_render_that_outlived_its_claim_leaves_the_next_claim_alone():
    first = claim("/reader/plain/")
    cache.delete(first.key)  # the claim expired while the first request was still rendering
    second = claim("/reader/plain/")
    assert second.token
    first.release(stored=True)
    assert cache.get(second.key) == second.token


def test_after_a_page_that_may_not_be_stored_later_misses_render_without_waiting(settings):
    settings.PAGE_CACHE_RENDER_WAIT = 30
    Client().get("/reader/slow-cookie/")
    coalescer = claim("/reader/slow-cookie/")
    assert cache.get(coalescer.key) == NOT_STORED
    assert coalescer.token is None and coalescer.wait(lambda: "entry") is None  # no wait for a page that never comes


def test_under_asgi_a_reader_never_waits_for_another_render(settings):
    """Sync middleware shares one thread under ASGI: waiting there would hold up the render itself."""
    settings.PAGE_CACHE_RENDER_WAIT = 30
    claim("/reader/plain/")
    responses = []
    reader = threading.Thread(target=lambda: responses.append(async_to_sync(AsyncClient().get)("/reader/plain/")))
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "the ASGI request waited for the claim"
    assert responses[0].status_code == 200 and responses[0][STATUS_HEADER] == "miss"
