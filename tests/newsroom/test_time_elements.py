"""Every `<time datetime>` the site writes is a valid HTML date-time: whole seconds, never the microseconds
the desk saves (HTML allows three digits of a second at most). The reader pages are checked by the Nu checker
(test_html5.py); these are the desk's and search's."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from live import services
from tests.factories import ArticleFactory, AssignmentFactory, LiveCoverageFactory

# A valid global date and time string (HTML), as the desk's templates write it: seconds and an offset.
HTML_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:?\d\d)")
NOW = datetime(2026, 11, 24, 11, 0, 0, 123456, tzinfo=UTC)


@pytest.mark.django_db
def test_desk_and_search_pages_write_whole_seconds(editor_client, editor, client, time_machine):
    time_machine.move_to(NOW, tick=False)
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(minutes=5), headline="Ferry deal signed")
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW + timedelta(hours=1, microseconds=5))  # scheduled
    coverage = LiveCoverageFactory()
    services.entry_create(coverage=coverage, by=editor, body="The first ferry leaves.")
    AssignmentFactory(due_at=NOW + timedelta(hours=1))
    pages = {
        "schedule board": editor_client.get(reverse("admin:articles_article_schedule")),
        "live composer": editor_client.get(reverse("admin:live_livecoverage_change", args=[coverage.pk])),
        "planning board": editor_client.get(reverse("admin:planning_assignment_board")),
        "search": client.get(reverse("articles:search"), {"q": "ferry"}),
    }
    for name, response in pages.items():
        written = re.findall(r'<time datetime="([^"]*)"', response.content.decode())
        assert written, f"no <time> on the {name}"
        assert all(HTML_DATETIME.fullmatch(value) for value in written), (name, written)


@pytest.mark.django_db
def test_the_hour_a_clock_change_repeats_keeps_its_offset(client, settings, time_machine):
    """01:30 on the day London's clocks go back happens twice: each <time> says which, by its offset."""
    settings.TIME_ZONE = "Europe/London"
    time_machine.move_to(datetime(2026, 10, 25, 4, 0, tzinfo=UTC), tick=False)
    summer = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=datetime(2026, 10, 25, 0, 30, 15, tzinfo=UTC))
    winter = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=datetime(2026, 10, 25, 1, 30, 15, tzinfo=UTC))
    for story, written in ((summer, "2026-10-25T01:30:15+01:00"), (winter, "2026-10-25T01:30:15+00:00")):
        page = client.get(story.get_absolute_url()).content.decode()
        assert f'<time datetime="{written}">' in page
    home = client.get("/").content.decode()
    assert '"2026-10-25T01:30:15+01:00"' in home and '"2026-10-25T01:30:15+00:00"' in home
