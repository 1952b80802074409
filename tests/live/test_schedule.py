"""An entry is public at its published_at, to the second, on every surface and through the page cache."""
from datetime import UTC, datetime, timedelta

import pytest

from live.models import LiveEntry
from serving.pagecache import STATUS_HEADER
from tests.factories import LiveCoverageFactory, LiveEntryFactory
from tests.helpers import NOON
from tests.live.helpers import shows, surfaces

TWO_PM = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
SURFACES = ["page", "head", "range", "feed", "json-ld"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]


@pytest.fixture
def coverage(clock):
    coverage = LiveCoverageFactory()
    LiveEntryFactory(coverage=coverage, kind=LiveEntry.Kind.KEY_EVENT, headline="Already out")
    return coverage


@pytest.mark.parametrize("surface", SURFACES)
def test_scheduled_entry_appears_on_a_warm_cache_at_its_second(client, clock, coverage, surface):
    """At 13:59:59 the entry is absent and the response comes from the cache; at 14:00:00 it is there."""
    entry = LiveEntryFactory(coverage=coverage, kind=LiveEntry.Kind.KEY_EVENT, headline="Aftershock", published_at=TWO_PM)
    url = surfaces(coverage.article)[surface]
    clock(TWO_PM - timedelta(minutes=1))
    client.get(url)  # warm
    clock(TWO_PM - SECOND)
    before = client.get(url)
    assert before.status_code == 200
    assert before[STATUS_HEADER] == "hit"
    assert not shows(surface, before, entry)
    clock(TWO_PM)
    after = client.get(url)
    assert shows(surface, after, entry)


@pytest.mark.parametrize("surface", SURFACES)
def test_entry_of_an_unpublished_story_is_on_no_surface(client, clock, surface):
    coverage = LiveCoverageFactory(article__status="draft", article__publish_at=None)
    LiveEntryFactory(coverage=coverage)
    assert client.get(surfaces(coverage.article)[surface]).status_code == 404


def test_head_json_is_kept_by_browsers_a_few_seconds_never_past_the_next_entry(client, clock, coverage, committed):
    head = surfaces(coverage.article)["head"]
    assert client.get(head)["Cache-Control"].startswith("public, max-age=3, must-revalidate")
    with committed():
        LiveEntryFactory(coverage=coverage, published_at=NOON + SECOND)
    assert client.get(head)["Cache-Control"].startswith("public, max-age=1, must-revalidate")


@pytest.mark.parametrize("surface", SURFACES)
def test_an_entry_scheduled_nearer_than_a_cached_page_lives_appears_at_its_second(client, clock, coverage, committed, surface):
    """The responses were cached with nothing scheduled; scheduling an entry a minute ahead purges them."""
    url = surfaces(coverage.article)[surface]
    client.get(url)
    with committed():
        entry = LiveEntryFactory(coverage=coverage, kind=LiveEntry.Kind.KEY_EVENT, published_at=NOON + timedelta(minutes=1))
    clock(NOON + timedelta(minutes=1) - SECOND)
    assert not shows(surface, client.get(url), entry)
    clock(NOON + timedelta(minutes=1))
    assert shows(surface, client.get(url), entry)


def test_the_clock_cap_names_the_next_entry(clock, coverage):
    from serving.clock import next_change

    LiveEntryFactory(coverage=coverage, published_at=TWO_PM)
    assert next_change() == TWO_PM
