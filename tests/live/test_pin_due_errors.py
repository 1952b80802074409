"""A pin put up by the clock (`live.services.pins_due`) runs inside the first reader request after the entry's time,
before its page renders. A pin it cannot make (a lock timeout behind a colleague's long edit, a statement cancelled,
a failover, the story deleted between the list and the lock) is logged and left for the next request, as an update
that cannot be applied is: it was a 500 for every reader (found by a reviewer), the moment staying due."""
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from live import services
from serving import clock
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_cache", [True, False], ids=["page-cache", "no-page-cache"])
def test_a_pin_the_clock_cannot_make_does_not_break_readers_pages(editor, time_machine, settings, monkeypatch, page_cache, caplog):
    settings.PAGE_CACHE_ENABLED = page_cache
    time_machine.move_to(timezone.now().replace(microsecond=0), tick=False)
    coverage = LiveCoverageFactory()
    current = services.entry_create(coverage=coverage, by=editor, body="What we know so far")
    services.entry_pin(entry=current, by=editor)
    summary = services.entry_create(coverage=coverage, by=editor, body="Noon summary", at=timezone.now() + timedelta(minutes=5))
    services.entry_pin(entry=summary, by=editor)

    def lock_timeout(coverage):
        raise OperationalError("canceling statement due to lock timeout")
    monkeypatch.setattr(services, "next_change", lock_timeout)  # the coverage's row held elsewhere at that second
    time_machine.move_to(summary.published_at + timedelta(seconds=1), tick=False)

    reader = Client(raise_request_exception=False)
    page = reader.get(coverage.article.get_absolute_url())
    head = reader.get(reverse("live:head", kwargs={"pk": coverage.article_id}))
    home = reader.get("/")
    assert (page.status_code, head.status_code, home.status_code) == (200, 200, 200)
    assert head.json()["pinned"] == current.pk  # the pin readers had, until the clock can make the new one
    assert "Could not pin live entry" in caplog.text
    monkeypatch.undo()  # the lock is free again: the next request after the clock's retry pins it
    time_machine.move_to(summary.published_at + timedelta(seconds=1 + clock.DUE_RETRY_SECONDS), tick=False)
    assert Client().get(reverse("live:head", kwargs={"pk": coverage.article_id})).json()["pinned"] == summary.pk


def test_a_pin_that_keeps_failing_is_tried_again_after_as_long_as_it_has_failed(editor, time_machine, monkeypatch):
    """Tried again every 5 s for as long as it failed, a lasting failure capped every reader page at 5 s and logged
    every 5 s, for hours (found by a reviewer): the wait grows with the failure's age, up to an hour."""
    time_machine.move_to(timezone.now().replace(microsecond=0), tick=False)
    coverage = LiveCoverageFactory()
    summary = services.entry_create(coverage=coverage, by=editor, body="Noon summary", at=timezone.now() + timedelta(minutes=5))
    services.entry_pin(entry=summary, by=editor)

    def lock_timeout(coverage):
        raise OperationalError("canceling statement due to lock timeout")
    monkeypatch.setattr(services, "next_change", lock_timeout)
    waits = {}
    for failing_for in (timedelta(seconds=1), timedelta(minutes=2), timedelta(hours=3)):
        now = summary.published_at + failing_for
        time_machine.move_to(now, tick=False)
        waits[failing_for] = clock.next_change(now) - now
    assert list(waits.values()) == [timedelta(seconds=clock.DUE_RETRY_SECONDS), timedelta(minutes=2), timedelta(hours=1)]
