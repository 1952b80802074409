"""An entry readers cannot see yet (still in review) is not pinned: the pinned entry readers have stays."""
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from live import services
from live.models import LiveEntry
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """What the desk saved, read at once: the purges of these saves are not what is tested here."""
    settings.PAGE_CACHE_ENABLED = False


def action(coverage, entry, name):
    return reverse("admin:live_liveentry_action", args=[coverage.pk, entry.pk, name])


def head(coverage):
    return Client().get(reverse("live:head", kwargs={"pk": coverage.article_id})).json()


def test_pinning_an_entry_still_in_review_keeps_the_pin_readers_have(editor_client, editor, journalist, time_machine):
    """An editor's Pin request for a journalist's entry that still waits for review (the composer offers Pin on
    published entries only, but entry_pin, the rule, takes it): the pinned entry readers had leaves head.json and
    the story's page at once, and no pinned entry shows at all, the one pinned not being out. The refusal given
    to an entry scheduled for later ("pin it once it is out") is given here too."""
    time_machine.move_to(timezone.now(), tick=False)
    coverage = LiveCoverageFactory()
    current = services.entry_create(coverage=coverage, by=editor, body="What we know so far")
    services.entry_pin(entry=current, by=editor)
    assert head(coverage)["pinned"] == current.pk
    waiting = services.entry_create(coverage=coverage, by=journalist, body="Unchecked claim from the scene")
    assert waiting.status == LiveEntry.Status.REVIEW
    answer = editor_client.post(action(coverage, waiting, "pin"), follow=True)
    assert "still in review: publish it, then pin it" in answer.content.decode()
    assert head(coverage)["pinned"] == current.pk
    page = Client().get(coverage.article.get_absolute_url()).content.decode()
    assert "What we know so far" in page


def test_an_entry_refused_a_pin_in_review_then_scheduled_is_not_pinned_before_its_time(editor_client, editor, journalist, time_machine):
    """Pinned while in review, then published for 12:05: readers had no pinned entry from the pin until 12:05, the
    very gap the refusal to pin a scheduled entry was made to close (README, "Live coverage")."""
    time_machine.move_to(timezone.now(), tick=False)
    coverage = LiveCoverageFactory()
    current = services.entry_create(coverage=coverage, by=editor, body="What we know so far")
    services.entry_pin(entry=current, by=editor)
    waiting = services.entry_create(coverage=coverage, by=journalist, body="Noon summary")
    editor_client.post(action(coverage, waiting, "pin"), follow=True)
    services.entry_publish(entry=LiveEntry.objects.get(pk=waiting.pk), by=editor, at=timezone.now() + timedelta(minutes=5))
    scheduled_and_pinned = LiveEntry.objects.filter(is_pinned=True, published_at__gt=timezone.now())
    assert not scheduled_and_pinned.exists()
    assert head(coverage)["pinned"] is not None
