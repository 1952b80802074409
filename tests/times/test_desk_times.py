"""A change page's read-only times are said as the desk says every time (times.desk.DeskTimes): "7 Dec 2026
16:15:09 CET", to the second with the zone, not Django's "7 Dec 2026, 4:15 p.m."."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from live.models import ScheduledUpdate
from live.updates import update_schedule
from tests.factories import ApiKeyFactory, ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db
SAID = "7 Dec 2026 16:15:09 CET"


@pytest.fixture(autouse=True)
def berlin(settings, time_machine):
    settings.TIME_ZONE = "Europe/Berlin"
    time_machine.move_to(datetime(2026, 12, 7, 15, 15, 9, tzinfo=UTC), tick=False)


def says_the_desks_times(page: str) -> bool:
    return SAID in page and "p.m." not in page


def test_a_storys_record_and_its_corrections(admin_client):
    correction = CorrectionFactory()
    page = admin_client.get(reverse("admin:articles_article_change", args=[correction.article_id])).content.decode()
    assert says_the_desks_times(page) and page.count(SAID) >= 3  # created, updated, the correction's


def test_an_api_keys_creation(admin_client):
    page = admin_client.get(reverse("admin:api_apikey_change", args=[ApiKeyFactory().pk])).content.decode()
    assert says_the_desks_times(page)


def test_a_scheduled_updates_closing_time(admin_client, editor):
    update = update_schedule(article=ArticleFactory(published=True), by=editor, at=timezone.now() + timedelta(days=1),
                             headline="Storm kills ten")
    ScheduledUpdate.objects.filter(pk=update.pk).update(cancelled_at=timezone.now())
    page = admin_client.get(reverse("admin:live_scheduledupdate_change", args=[update.pk])).content.decode()
    assert says_the_desks_times(page)
