"""A scheduled update that can never be applied as it stands (its lead photo's credit and alt text removed after it
was scheduled) is held, with the reason on its page. It stayed pending, its moment due: with the clock trying failed
due work again every 5 s, every reader page was cached 5 s at most, for hours, and the same error logged every 5 s
(found by a reviewer)."""
import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from live.updates import update_schedule
from serving import clock as serving_clock
from tests.factories import ArticleFactory, PhotoFactory

TWO_PM = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_an_update_that_cannot_be_applied_does_not_keep_every_page_at_five_seconds_for_hours(clock, editor, caplog):
    story = ArticleFactory(published=True, headline="Storm kills nine on the coast")
    photo = PhotoFactory()
    update_schedule(article=story, by=editor, at=TWO_PM, headline="Death toll rises to twelve", lead_photo=photo)
    type(photo).objects.filter(pk=photo.pk).update(credit_type="", agency=None, alt_text="")  # stripped meanwhile

    clock(TWO_PM)
    assert Client().get("/").status_code == 200  # the first failure: logged, tried again soon
    caplog.clear()

    later = TWO_PM + timedelta(hours=3)
    with caplog.at_level(logging.ERROR):
        moments = []
        for seconds in range(0, 60, serving_clock.DUE_RETRY_SECONDS):  # a minute of reader traffic, three hours on
            now = later + timedelta(seconds=seconds)
            clock(now)
            moment = serving_clock.next_change(now)  # as the first reader request of each 5 s runs it
            moments.append(moment and moment - now)
    failures = caplog.text.count("Could not apply scheduled update")
    assert not all(moment == timedelta(seconds=serving_clock.DUE_RETRY_SECONDS) for moment in moments), (
        "three hours after a permanent failure, every page is still capped at 5 s")
    assert failures <= 1, f"the same failure logged {failures} times in one minute"
