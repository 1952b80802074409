"""Fragments: put into every reader page as it is served, hit or miss, kept FRAGMENT_SECONDS at most."""
import time

import pytest

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
