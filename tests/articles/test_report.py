"""The photo desk's credit report: stories per agency over a date range, on the desk and as CSV."""
import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.models import Article
from articles.reports import agency_usage
from tests.factories import AgencyFactory, ArticleFactory, ArticlePhotoFactory, PhotoFactory

REPORT_URL = reverse("admin:photos_photo_credit_report")
CSV_URL = reverse("admin:photos_photo_credit_report_csv")
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def at(day, hour=12):
    return datetime(2026, 3, day, hour, tzinfo=UTC) if day > 0 else datetime(2026, 2, 28 + day, hour, tzinfo=UTC)


@pytest.fixture
def march(db):
    """AFP: 2 stories (one with three AFP photos), Reuters: 1; plus stories that must not count."""
    afp = AgencyFactory(short_name="AFP", name="Agence France-Presse")
    reuters = AgencyFactory(short_name="Reuters", name="Reuters")
    AgencyFactory(short_name="AP", name="Associated Press")
    live = {"status": Article.Status.PUBLISHED}
    busy = ArticleFactory(**live, publish_at=at(1, 0), headline="=Talks open", lead_photo=PhotoFactory(agency=afp))
    ArticlePhotoFactory(article=busy, photo=PhotoFactory(agency=afp, handout=True))
    ArticlePhotoFactory(article=busy, photo=PhotoFactory(agency=reuters))
    ArticlePhotoFactory(article=ArticleFactory(**live, publish_at=at(31, 23), headline="Late story"), photo=PhotoFactory(agency=afp))
    ArticleFactory(**live, publish_at=at(15), headline="Staff only", lead_photo=PhotoFactory(staff=True))
    # A staff photo whose agency was left selected when its credit was changed: credited to the staff, not billed.
    ArticleFactory(**live, publish_at=at(16), headline="Staff, agency left", lead_photo=PhotoFactory(staff=True, agency=afp))
    # Not counted: outside the range, not published, withdrawn.
    ArticleFactory(**live, publish_at=at(0, 23), headline="February story", lead_photo=PhotoFactory(agency=afp))
    ArticleFactory(**live, publish_at=datetime(2026, 4, 1, 0, 0, tzinfo=UTC), headline="April story", lead_photo=PhotoFactory(agency=afp))
    ArticleFactory(status=Article.Status.DRAFT, headline="Draft story", lead_photo=PhotoFactory(agency=reuters))
    ArticleFactory(status=Article.Status.WITHDRAWN, publish_at=at(10), headline="Withdrawn story", lead_photo=PhotoFactory(agency=reuters))
    return busy


def test_report_counts_each_story_once_per_agency_within_the_range(march):
    rows = agency_usage(start=datetime(2026, 3, 1).date(), end=datetime(2026, 3, 31).date())
    summary = {row.agency.short_name: [billed.article.headline for billed in row.stories] for row in rows}
    assert summary == {"AFP": ["=Talks open", "Late story"], "Reuters": ["=Talks open"], "AP": []}
    assert [row.count for row in rows] == [2, 1, 0]


def test_a_scheduled_story_counts_once_its_time_has_come(march, time_machine):
    """A story scheduled inside the range has not gone out, and is not billed, until its time."""
    afp = AgencyFactory(short_name="AFP")
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=at(25), headline="Scheduled", lead_photo=PhotoFactory(agency=afp))

    def afp_headlines():
        usage = next(usage for usage in agency_usage(start=at(1).date(), end=at(31).date()) if usage.agency == afp)
        return {billed.article.headline for billed in usage.stories}

    time_machine.move_to(at(25, 11), tick=False)
    assert "Scheduled" not in afp_headlines()
    time_machine.move_to(at(25), tick=False)
    assert "Scheduled" in afp_headlines()


def test_report_range_follows_the_newsrooms_time_zone(march, settings):
    """In Istanbul (UTC+3), 23:00 UTC on 28 February is 1 March, and 23:00 UTC on 31 March is 1 April."""
    settings.TIME_ZONE = "Europe/Istanbul"
    rows = agency_usage(start=datetime(2026, 3, 1).date(), end=datetime(2026, 3, 31).date())
    afp = next(row for row in rows if row.agency.short_name == "AFP")
    assert [billed.article.headline for billed in afp.stories] == ["February story", "=Talks open"]


def test_editor_sees_the_report_page(editor_client, march):
    response = editor_client.get(REPORT_URL, MARCH)
    assert response.status_code == 200
    table = response.content.decode().split('id="credit-report"', 1)[1]
    assert '<td class="count">2</td>' in table and '<td class="count">1</td>' in table and '<td class="count">0</td>' in table
    assert "Late story" in table and "Draft story" not in table and "April story" not in table
    assert f"{CSV_URL}?start=2026-03-01&amp;end=2026-03-31" in response.content.decode()


def test_report_csv(editor_client, march):
    response = editor_client.get(CSV_URL, MARCH)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="credit-report-2026-03-01-to-2026-03-31.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["agency", "agency full name", "articles in range", "article id", "headline", "went out at"]
    assert [(row[0], row[2], row[4]) for row in rows[1:]] == [
        ("AFP", "2", "'=Talks open"),  # a headline starting with "=" is not run as a spreadsheet formula
        ("AFP", "2", "Late story"),
        ("Reuters", "1", "'=Talks open"),
        ("AP", "0", ""),
    ]
    assert rows[1][3] == str(march.pk) and rows[1][5] == "2026-03-01T00:00:00+00:00"


def test_report_defaults_to_this_month_and_refuses_a_backwards_range(editor_client, march):
    assert editor_client.get(REPORT_URL).status_code == 200
    response = editor_client.get(REPORT_URL, {"start": "2026-03-31", "end": "2026-03-01"})
    assert "The end date must not be before the start date." in response.content.decode()
    response = editor_client.get(REPORT_URL, {"start": "2026-03-01", "end": "9999-12-31"})
    assert response.status_code == 200 and "Pick an end date before" in response.content.decode()


def test_the_credit_line_preview_ignores_an_agency_that_is_no_number(editor_client):
    response = editor_client.get(reverse("admin:photos_photo_credit_line"), {"credit_type": "agency", "agency": "abc"})
    assert response.status_code == 200 and "incomplete" in response.json()["credit"]


@pytest.mark.django_db
def test_journalist_cannot_see_the_report(journalist_client):
    assert journalist_client.get(REPORT_URL, MARCH).status_code == 403
    assert journalist_client.get(CSV_URL, MARCH).status_code == 403
    assert "Agency credit report" not in journalist_client.get(reverse("admin:photos_photo_changelist")).content.decode()


@pytest.mark.django_db
def test_staff_with_the_report_permission_sees_it(client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username="photo-desk")
    user.user_permissions.add(Permission.objects.get(codename="view_credit_report"), Permission.objects.get(codename="view_photo"))
    client.force_login(user)
    assert client.get(REPORT_URL, MARCH).status_code == 200
    assert "Agency credit report" in client.get(reverse("admin:photos_photo_changelist")).content.decode()
