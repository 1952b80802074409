"""Times readers see on live coverage, across a clock change."""
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.factories import LiveCoverageFactory, LiveEntryFactory

ENTRY_TIME = re.compile(r'<time datetime=\\?"([^"\\]+)\\?">([^<]*)</time>')


@pytest.mark.django_db
def test_live_entries_visible_time_in_the_repeated_hour_names_which_of_the_two_it_is(client, settings, time_machine):
    """Europe/Berlin repeats 02:00–02:59 on 25 October 2026. Entries out at 00:30 UTC (02:30 CEST) and 01:30 UTC
    (02:30 CET) are an hour apart; on the story's page and in the entries' JSON each entry's visible time
    carries its zone every other hour ("25 Oct, 03:30 CET"), but in that hour both read "25 Oct, 02:30 "."""
    settings.TIME_ZONE = "Europe/Berlin"
    time_machine.move_to(datetime(2026, 10, 25, 6, 0, tzinfo=UTC), tick=False)
    coverage = LiveCoverageFactory(started_at=datetime(2026, 10, 25, 0, 0, tzinfo=UTC))
    LiveEntryFactory(coverage=coverage, published_at=datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
    LiveEntryFactory(coverage=coverage, published_at=datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    pk = coverage.article_id
    for url in (coverage.article.get_absolute_url(), reverse("live:entries", kwargs={"pk": pk}) + "?after=0&upto=2"):
        shown = dict(ENTRY_TIME.findall(client.get(url).content.decode()))
        summer, winter = shown["2026-10-25T02:30:00+02:00"], shown["2026-10-25T02:30:00+01:00"]
        assert summer != winter, (url, shown)
        assert summer.rstrip().endswith("CEST") and winter.rstrip().endswith("CET"), (url, shown)
