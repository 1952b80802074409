"""The agency credit report counts the agency photos live entries put out, by the entry's time, whatever the
story's date: an agency bills every picture that went out."""
import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from live.models import LiveEntry
from tests.factories import AgencyFactory, ArticleFactory, LiveCoverageFactory, LiveEntryFactory, PhotoFactory

CSV_URL = reverse("admin:photos_photo_credit_report_csv")
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def at(month, day, hour=12, minute=0, second=0):
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


def billed(client, month=MARCH, *, when=False) -> dict[str, list]:
    """The report's CSV for a month, fetched as the desk does: {agency: headlines}, or (headline, went out at)."""
    response = client.get(CSV_URL, month)
    assert response.status_code == 200
    rows = [row for row in csv.DictReader(io.StringIO(response.content.decode())) if row["headline"]]
    found = {}
    for row in rows:
        found.setdefault(row["agency"], []).append((row["headline"], row["went out at"]) if when else row["headline"])
    return {agency: sorted(lines) for agency, lines in found.items()}


@pytest.fixture
def afp(db):
    return AgencyFactory(short_name="AFP", name="Agence France-Presse")


def live_story(headline, *, status=Article.Status.PUBLISHED, publish_at=at(2, 1)):
    """A live story that went out in February unless told otherwise; no photo of its own."""
    article = ArticleFactory(status=status, publish_at=publish_at, headline=headline, lead_photo=None)
    return LiveCoverageFactory(article=article, started_at=publish_at)


def test_an_entrys_agency_photo_bills_its_live_story_in_the_entrys_month(editor_client, afp, time_machine):
    time_machine.move_to(at(4, 15), tick=False)
    quake = live_story("Earthquake: live")
    LiveEntryFactory(coverage=quake, published_at=at(3, 10), photo=PhotoFactory(agency=afp))
    LiveEntryFactory(coverage=quake, published_at=at(3, 11), photo=PhotoFactory(agency=afp))  # the same story: once
    assert billed(editor_client, when=True)["AFP"] == [("Earthquake: live", "2026-03-10T12:00:00+00:00")]  # its first


def test_entries_that_did_not_go_out_in_the_range_are_not_billed(editor_client, afp, time_machine):
    time_machine.move_to(at(4, 15), tick=False)
    story = live_story("Floods: live")
    for entry in (
        {"published_at": at(2, 28, 23, 59, 59)},  # February
        {"published_at": at(4, 1, 0)},  # April: the range ends at midnight
        {"published_at": at(3, 10), "status": LiveEntry.Status.REVIEW},
        {"published_at": at(3, 10), "deleted_at": at(3, 11)},
        {"published_at": at(3, 10), "photo": PhotoFactory(staff=True, agency=afp)},  # credited to the staff
        {"published_at": at(3, 10), "photo": None},
        {"published_at": at(3, 10), "photo": PhotoFactory(credit_type="", agency=None)},
    ):
        LiveEntryFactory(coverage=story, **{"photo": PhotoFactory(agency=afp), **entry})
    expired = live_story("Expired live")
    expired.article.unpublish_at = at(3, 1)
    expired.article.save()
    for other in (live_story("Draft live", status=Article.Status.DRAFT), live_story("Withdrawn live", status=Article.Status.WITHDRAWN),
                  expired):  # an entry after its story left the site went out to nobody
        LiveEntryFactory(coverage=other, published_at=at(3, 10), photo=PhotoFactory(agency=afp))
    assert "AFP" not in billed(editor_client)


def test_an_entry_written_before_its_story_went_out_is_billed_when_the_story_did(editor_client, afp, time_machine):
    """Out at 31 March, on a story that went out on 2 April: the photo went out with the story, in April."""
    time_machine.move_to(at(4, 15), tick=False)
    LiveEntryFactory(coverage=live_story("Launch: live", publish_at=at(4, 2)), published_at=at(3, 31), photo=PhotoFactory(agency=afp))
    assert "AFP" not in billed(editor_client)
    assert billed(editor_client, {"start": "2026-04-01", "end": "2026-04-30"}, when=True)["AFP"] == [
        ("Launch: live", "2026-04-02T12:00:00+00:00")]


def test_an_entry_on_a_story_scheduled_later_in_the_range_waits_for_the_storys_time(editor_client, afp, time_machine):
    LiveEntryFactory(coverage=live_story("Summit: live", publish_at=at(3, 20)), published_at=at(3, 10), photo=PhotoFactory(agency=afp))
    time_machine.move_to(at(3, 20, 11, 59, 59), tick=False)  # a second before the story
    assert "AFP" not in billed(editor_client)
    time_machine.move_to(at(3, 20), tick=False)
    assert billed(editor_client)["AFP"] == ["Summit: live"]


def test_an_entry_counts_from_the_first_second_of_the_range(editor_client, afp, time_machine, settings):
    """In the newsroom's time zone: midnight of 1 March in Istanbul is 21:00 UTC on 28 February."""
    settings.TIME_ZONE = "Europe/Istanbul"
    time_machine.move_to(at(4, 15), tick=False)
    LiveEntryFactory(coverage=live_story("First second"), published_at=at(2, 28, 21), photo=PhotoFactory(agency=afp))
    LiveEntryFactory(coverage=live_story("Second before"), published_at=at(2, 28, 20, 59, 59),
                     photo=PhotoFactory(agency=afp))
    assert billed(editor_client)["AFP"] == ["First second"]  # "Second before" is February's


def test_a_scheduled_entry_is_billed_once_its_time_has_come(editor_client, afp, time_machine):
    story = live_story("Election night: live")
    LiveEntryFactory(coverage=story, published_at=at(3, 25), photo=PhotoFactory(agency=afp))
    time_machine.move_to(at(3, 25, 11, 59, 59), tick=False)
    assert timezone.now() < at(3, 25)
    assert "AFP" not in billed(editor_client)
    time_machine.move_to(at(3, 25), tick=False)
    assert billed(editor_client)["AFP"] == ["Election night: live"]
