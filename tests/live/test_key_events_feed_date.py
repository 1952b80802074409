"""Found in review: the steady date for an empty feed (articles/feeds.py, SteadyDate) was given to the site's,
sections' and tags' feeds only. A live story's key-events feed (live/views.py, KeyEventsFeed) keeps Django's
Rss201rev2Feed, whose lastBuildDate with no item is the moment of rendering: a live story with no key event yet
(every one, at its start) claims a change at each render, its ETag moves with it, and no poll gets a 304."""
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import LiveCoverageFactory

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_key_events_feed_with_no_key_event_yet_does_not_claim_to_change_on_every_fetch(client, time_machine, settings):
    settings.PAGE_CACHE_ENABLED = False  # each fetch rendered, as each one is once the cached copy expires
    time_machine.move_to(T0 - timedelta(hours=1), tick=False)
    coverage = LiveCoverageFactory()
    url = f"/live/{coverage.article_id}/feed/"
    time_machine.move_to(T0, tick=False)
    first = client.get(url)
    assert first.status_code == 200
    time_machine.move_to(T0 + timedelta(hours=1), tick=False)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304, "the unchanged empty feed was sent again with a new ETag: " + again.content.decode()
