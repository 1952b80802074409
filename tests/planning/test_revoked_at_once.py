"""A calendar address revoked by two planners at once: the record keeps who cut it first, and when.

SecretLink.revoke() checked "revoked already?" on the copy the action read, then saved that copy's revocation over
the row: the second planner's request, which read the feed before the first one's revocation committed, wrote its
own time and name over it, though the docstring promises that one revoked already keeps its first time and who
revoked it (asked after a leak)."""
import pytest
from django.db import connection, transaction
from django.urls import reverse

from planning.models import CalendarFeed
from planning.services import calendar_feed_create
from tests.factories import SectionFactory, UserFactory
from tests.helpers import browser_of, in_thread, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def test_a_feed_revoked_by_two_planners_at_once_keeps_the_first_revocation():
    first, second = UserFactory(username="first", role="Editor"), UserFactory(username="second", role="Editor")
    feed = calendar_feed_create(desk=SectionFactory(name="Politics", slug="politics"), by=first)
    changelist = reverse("admin:planning_calendarfeed_changelist")
    revoke = {"action": "revoke", "_selected_action": [feed.pk]}
    outcome = {}

    def second_revokes():
        outcome["response"] = browser_of(second).post(changelist, revoke)

    with transaction.atomic():  # the first planner's request holds the feed's row until it commits
        assert browser_of(first).post(changelist, revoke).status_code == 302
        revoked_at = CalendarFeed.objects.get(pk=feed.pk).revoked_at
        revoking = in_thread(second_revokes, outcome)
        until_a_lock_is_awaited(or_done=revoking)  # the second has read the feed, still live to it, and waits
    revoking.join()

    assert "error" not in outcome, outcome.get("error")
    feed.refresh_from_db()
    assert (feed.revoked_by, feed.revoked_at) == (first, revoked_at)  # who cut it, and when: not overwritten
