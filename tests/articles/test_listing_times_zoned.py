"""Times people read on listings and in a story's corrections name their zone, as the story's "Published" does.

README ("How publishing works"): every time people read names its zone after it, computed from the moment itself,
because Django's `date` filter cannot tell 02:30 CEST from 02:30 CET in the hour a clock change repeats. The story
cards (front page, section, tag pages), the search results and the "Corrections and updates" list wrote the time
with `|date:"j M Y, H:i"` and no zone at all: a reader in the repeated hour saw two stories (or two corrections) an
hour apart stamped with the same time, and everywhere else a clock time without knowing whose.
"""
import re
from datetime import UTC, datetime

import pytest

from articles.models import Article, Correction
from tests.factories import ArticleFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db

TIME = re.compile(r'<time datetime="([^"]+)">([^<]*)</time>')
SUMMER = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST in Berlin
WINTER = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET, an hour later


@pytest.fixture
def repeated_hour(settings, time_machine):
    settings.TIME_ZONE = "Europe/Berlin"
    time_machine.move_to(datetime(2026, 10, 25, 6, 0, tzinfo=UTC), tick=False)


def visible_times(html: str) -> dict[str, str]:
    return {machine: visible for machine, visible in TIME.findall(html)}


@pytest.mark.parametrize("page", ["section", "home", "tag", "search"])
def test_story_cards_tell_apart_two_stories_an_hour_apart_in_the_repeated_hour(client, repeated_hour, page):
    """Two stories published at 02:30 CEST and 02:30 CET: their cards on the front page, their section's page,
    their tag's page and search results read "25 Oct 2026, 02:30" both, where the story pages say "… 02:30 CEST"
    and "… 02:30 CET"."""
    section = SectionFactory(slug="news", name="News")
    for moment in (SUMMER, WINTER):
        ArticleFactory(status=Article.Status.PUBLISHED, publish_at=moment, section=section,
                       headline="Harbour ferry resumes service", tags=["Ferries"])
    url = {"section": "/section/news/", "home": "/", "tag": "/tag/ferries/", "search": "/search/?q=ferry"}[page]
    response = client.get(url)
    assert response.status_code == 200
    shown = visible_times(response.content.decode())
    summer, winter = shown.get("2026-10-25T02:30:00+02:00"), shown.get("2026-10-25T02:30:00+01:00")
    assert summer is not None and winter is not None, shown  # both cards are on the page, with the right machine time
    assert summer != winter, f"two moments an hour apart read alike on {url}: {summer!r}"
    assert summer.rstrip().endswith("CEST") and winter.rstrip().endswith("CET"), shown


def test_corrections_tell_apart_two_notes_an_hour_apart_in_the_repeated_hour(client, repeated_hour):
    """A correction at 02:30 CEST and an update at 02:30 CET both read "25 Oct 2026 02:30" in the story's
    "Corrections and updates": which came first, and when, was lost."""
    story = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=datetime(2026, 10, 24, 12, 0, tzinfo=UTC),
                           section=SectionFactory(slug="news"))
    for moment, kind in ((SUMMER, Correction.Kind.CORRECTION), (WINTER, Correction.Kind.UPDATE)):
        note = CorrectionFactory(article=story, kind=kind)
        Correction.objects.filter(pk=note.pk).update(created_at=moment)
    shown = visible_times(client.get(story.get_absolute_url()).content.decode())
    summer, winter = shown.get("2026-10-25T02:30:00+02:00"), shown.get("2026-10-25T02:30:00+01:00")
    assert summer is not None and winter is not None, shown
    assert summer != winter, f"a correction and an update an hour apart read alike: {summer!r}"
    assert summer.rstrip().endswith("CEST") and winter.rstrip().endswith("CET"), shown
