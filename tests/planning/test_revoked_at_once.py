"""A calendar address revoked by two planners at once: the record keeps who cut it first, and when.

SecretLink.revoke() checked "revoked already?" on the copy the action read, then saved that copy's revocation over
the row: the second planner's request, which read the feed before the first one's revocation committed, wrote its
own time and name over it, though the docstring promises that one revoked already keeps its first time and who
revoked it (asked after a leak)."""
import pytest
from django.db import connection
from django.urls import reverse

from planning.models import CalendarFeed
from planning.services import calendar_feed_create
from tests.factories import SectionFactory, UserFactory
from tests.helpers import browser_of, while_held

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def test_a_feed_revoked_by_two_planners_at_once_keeps_the_first_revocation():
    first, second = UserFactory(username="first", role="Editor"), UserFactory(username="second", role="Editor")
    feed = calendar_feed_create(desk=SectionFactory(name="Politics", slug="politics"), by=first)
    changelist = reverse("admin:planning_calendarfeed_changelist")
    revoke = {"action": "revoke", "_selected_action": [feed.pk]}

    def first_revokes():  # the first planner's request, which holds the feed's row until it commits
        assert browser_of(first).post(changelist, revoke).status_code == 302
        return CalendarFeed.objects.get(pk=feed.pk).revoked_at

    # The second has read the feed, still live to it, and waits (or, revoked already, finds it so).
    revoked_at, outcome = while_held(first_revokes, lambda: browser_of(second).post(changelist, revoke), waits=False)

    assert "error" not in outcome, outcome.get("error")
    feed.refresh_from_db()
    assert (feed.revoked_by, feed.revoked_at) == (first, revoked_at)  # who cut it, and when: not overwritten
