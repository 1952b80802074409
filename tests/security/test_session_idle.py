"""A desk login ends SESSION_COOKIE_AGE (12 hours) after it was made, whatever is done with it meanwhile."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


def test_a_desk_login_ends_twelve_hours_after_it_was_made(client, editor, time_machine):
    """Django's default kept a login two weeks: a laptop left on a desk was a desk account for a fortnight."""
    assert settings.SESSION_COOKIE_AGE == 12 * 3600 and not settings.SESSION_SAVE_EVERY_REQUEST
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(editor)
    desk = reverse("admin:index")
    time_machine.shift(timedelta(hours=12, seconds=-1))
    assert client.get(desk).status_code == 200
    time_machine.shift(timedelta(seconds=1))
    answer = client.get(desk)
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("admin:login"))


def test_a_live_page_left_polling_does_not_keep_a_desk_login_alive(client, editor, time_machine):
    """live.js asks head.json every three seconds with the session cookie, for as long as the tab is open: an
    end moved on by every request would have kept a laptop left on a live story logged in for good (found by a
    reviewer, with each poll an UPDATE of the session row)."""
    coverage = LiveCoverageFactory()
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(editor)
    head = reverse("live:head", kwargs={"pk": coverage.article_id})
    for _ in range(4):
        time_machine.shift(timedelta(hours=3))
        assert client.get(head).status_code == 200
    answer = client.get(reverse("admin:index"))
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("admin:login"))
