"""Times people read, in the hour a clock change repeats: each names its zone, so two moments an hour apart
do not read alike. Found in a review: Django's `T` format writes nothing in that hour."""
import re
from datetime import UTC, datetime

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

VISIBLE_PUBLISHED = re.compile(r'Published <time datetime="([^"]+)">([^<]*)</time>')


@pytest.mark.django_db
def test_story_pages_visible_time_in_the_repeated_hour_names_which_of_the_two_it_is(client, settings, time_machine):
    """Europe/Berlin repeats 02:00–02:59 on 25 October 2026 (CEST, then CET). A story out at 00:30 UTC (02:30 CEST)
    and one out at 01:30 UTC (02:30 CET) are an hour apart: the story page's visible time must tell them apart,
    as it does every other hour of the year ("… 02:30 CEST"). Django's `T` format writes nothing in that hour,
    so both read "25 October 2026, 02:30 " with no zone."""
    settings.TIME_ZONE = "Europe/Berlin"
    time_machine.move_to(datetime(2026, 10, 25, 6, 0, tzinfo=UTC), tick=False)
    section = SectionFactory(slug="news")
    summer = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=datetime(2026, 10, 25, 0, 30, tzinfo=UTC), section=section)
    winter = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=datetime(2026, 10, 25, 1, 30, tzinfo=UTC), section=section)
    shown = {}
    for story in (summer, winter):
        machine, visible = VISIBLE_PUBLISHED.search(client.get(story.get_absolute_url()).content.decode()).groups()
        shown[machine] = visible
    assert set(shown) == {"2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"}  # the machine times are right
    assert shown["2026-10-25T02:30:00+02:00"] != shown["2026-10-25T02:30:00+01:00"], shown
    assert all(visible.rstrip().endswith(("CEST", "CET")) for visible in shown.values()), shown


def test_the_desk_names_the_zone_in_the_repeated_hour_too(settings):
    """The desk's one time format (`desk_time`: board, history, messages, lists) had the same `T`."""
    from times.desk import desk_time

    settings.TIME_ZONE = "Europe/Berlin"
    assert desk_time(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == "25 Oct 2026 02:30:00 CEST"
    assert desk_time(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)) == "25 Oct 2026 02:30:00 CET"
