"""An entry scheduled for later and pinned goes into the pinned box when it goes out; until then readers keep the
pinned entry they have (before, it left at once and the page showed no pinned entry until the time)."""
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from live import services
from live.models import LiveEntry
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage():
    return LiveCoverageFactory()


@pytest.fixture
def now(time_machine):
    time_machine.move_to(timezone.now().replace(microsecond=0), tick=False)
    return timezone.now()


def head(coverage):
    return Client().get(reverse("live:head", kwargs={"pk": coverage.article_id})).json()


def pinned_box(coverage):
    page = Client().get(coverage.article.get_absolute_url()).content.decode()
    return page.split("data-live-pinned>")[1].split("data-live-new")[0]


def pinned(*entries):
    return [LiveEntry.objects.get(pk=entry.pk).is_pinned for entry in entries]


def test_the_pin_readers_have_stays_until_the_scheduled_pinned_entry_goes_out(coverage, editor, now, time_machine):
    current = services.entry_create(coverage=coverage, by=editor, body="What we know so far")
    services.entry_pin(entry=current, by=editor)
    summary = services.entry_create(coverage=coverage, by=editor, body="Noon summary", at=now + timedelta(minutes=5))
    services.entry_pin(entry=summary, by=editor)
    assert head(coverage)["pinned"] == current.pk and "What we know so far" in pinned_box(coverage)
    time_machine.move_to(summary.published_at - timedelta(seconds=1), tick=False)
    assert head(coverage)["pinned"] == current.pk
    time_machine.move_to(summary.published_at, tick=False)
    assert head(coverage)["pinned"] == summary.pk and "Noon summary" in pinned_box(coverage)
    assert pinned(current, summary) == [False, True]
    assert not LiveEntry.objects.filter(pin_when_out=True).exists()


def test_a_page_cached_before_the_time_is_not_served_with_the_old_pin_after_it(coverage, editor, now, time_machine, settings):
    settings.PAGE_CACHE_ENABLED = True
    current = services.entry_create(coverage=coverage, by=editor, body="What we know so far")
    services.entry_pin(entry=current, by=editor)
    summary = services.entry_create(coverage=coverage, by=editor, body="Noon summary", at=now + timedelta(minutes=5))
    services.entry_pin(entry=summary, by=editor)
    assert head(coverage)["pinned"] == current.pk and "What we know so far" in pinned_box(coverage)  # both cached
    time_machine.move_to(summary.published_at, tick=False)
    assert head(coverage)["pinned"] == summary.pk and "Noon summary" in pinned_box(coverage)


def test_the_desk_says_it_is_pinned_when_it_goes_out_and_unpinning_it_keeps_the_current_pin(
        editor_client, coverage, editor, now, time_machine):
    current = services.entry_create(coverage=coverage, by=editor, body="What we know so far")
    services.entry_pin(entry=current, by=editor)
    summary = services.entry_create(coverage=coverage, by=editor, body="Noon summary", at=now + timedelta(minutes=5))
    action = reverse("admin:live_liveentry_action", args=[coverage.pk, summary.pk, "pin"])
    editor_client.post(action)
    composer = editor_client.get(reverse("admin:live_livecoverage_change", args=[coverage.pk])).content.decode()
    row = composer.split(f'id="desk-entry-{summary.pk}"')[1].split("</tr>")[0]
    assert "Pinned when it goes out" in row and "Unpin" in row
    editor_client.post(reverse("admin:live_liveentry_action", args=[coverage.pk, summary.pk, "unpin"]))
    time_machine.move_to(summary.published_at, tick=False)
    assert head(coverage)["pinned"] == current.pk and pinned(current, summary) == [True, False]


@pytest.mark.parametrize("then", ["pin another", "delete it"])
def test_a_later_pin_or_the_entrys_deletion_cancels_a_pin_waiting_for_its_time(coverage, editor, now, time_machine, then):
    current = services.entry_create(coverage=coverage, by=editor, body="What we know so far")
    summary = services.entry_create(coverage=coverage, by=editor, body="Noon summary", at=now + timedelta(minutes=5))
    services.entry_pin(entry=summary, by=editor)
    if then == "pin another":
        services.entry_pin(entry=current, by=editor)
    else:
        services.entry_pin(entry=current, by=editor)
        services.entry_delete(entry=LiveEntry.objects.get(pk=summary.pk), by=editor)
    time_machine.move_to(summary.published_at + timedelta(seconds=1), tick=False)
    assert head(coverage)["pinned"] == current.pk


def test_a_deleted_entry_keeps_no_pin_waiting(coverage, editor, now):
    """A tombstone left waiting for its pin was unpinned again (a record of it, a new revision) by a later pin."""
    summary = services.entry_create(coverage=coverage, by=editor, body="Noon summary", at=now + timedelta(minutes=5))
    services.entry_pin(entry=summary, by=editor)
    services.entry_delete(entry=LiveEntry.objects.get(pk=summary.pk), by=editor)
    assert not LiveEntry.objects.get(pk=summary.pk).pin_when_out
