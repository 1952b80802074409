"""An entry scheduled for later and deleted before its time was never seen: it never joins the stream."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from live import services
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_a_scheduled_entry_deleted_before_its_time_never_reaches_readers(client, editor, time_machine):
    """An editor schedules an entry for 12:05 and deletes it at 12:01. It joined the stream at 12:05 as a tombstone:
    head.json's seq grew by one, and /entries/ handed readers' scripts the id and permalink of an entry no reader
    ever had. Deleting scheduled entries is what the desk tells editors to do to close a coverage, so an ended
    coverage's seq moved too; and the clock ignores deleted entries, so cached copies (seq 1) and fresh ones (seq 2)
    disagreed from 12:05."""
    time_machine.move_to(timezone.now(), tick=False)
    coverage = LiveCoverageFactory()
    services.entry_create(coverage=coverage, by=editor, body="Out now")
    scheduled = services.entry_create(coverage=coverage, by=editor, body="Embargoed figures", at=timezone.now() + timedelta(minutes=5))
    time_machine.move_to(timezone.now() + timedelta(minutes=1), tick=False)
    services.entry_delete(entry=scheduled, by=editor)
    time_machine.move_to(scheduled.published_at + timedelta(seconds=1), tick=False)
    pk = coverage.article_id
    assert client.get(reverse("live:head", kwargs={"pk": pk})).json()["seq"] == 1
    rows = client.get(reverse("live:entries", kwargs={"pk": pk}) + "?after=0&upto=5").json()["entries"]
    assert scheduled.pk not in [row["id"] for row in rows]
