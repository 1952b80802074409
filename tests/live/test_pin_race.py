"""Two editors change entries of one coverage at the same moment: one waits for the other, and neither gets a 500."""
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from live import services
from live.models import LiveEntry
from tests.factories import LiveCoverageFactory, LiveEntryFactory, PhotoFactory, UserFactory
from tests.helpers import in_thread, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def test_a_pin_committed_while_another_waited_is_replaced_not_a_500(editor):
    coverage = LiveCoverageFactory()
    first = services.entry_create(coverage=coverage, by=editor, body="Polls have closed")
    second = services.entry_create(coverage=coverage, by=editor, body="Turnout at 64 per cent")
    outcome = {}

    with transaction.atomic():
        services.entry_pin(entry=first, by=editor)  # holds the coverage's row until this commits
        colleague = in_thread(services.entry_pin, outcome, entry=LiveEntry.objects.get(pk=second.pk), by=editor)
        until_a_lock_is_awaited()
    colleague.join()

    assert outcome == {"done": True}
    assert list(LiveEntry.objects.filter(coverage=coverage, is_pinned=True)) == [second]
    assert [change.action for change in first.changes.order_by("at", "pk")][-2:] == ["pin", "unpin"]


def test_a_pin_while_a_colleague_edits_the_pinned_entry_waits_instead_of_deadlocking(editor):
    """The pin took its entry, the coverage, then the pinned entry (to unpin it); the edit took the pinned entry,
    then the coverage: PostgreSQL killed one of them (a 500). Every change now takes the coverage first."""
    coverage = LiveCoverageFactory()
    first = services.entry_create(coverage=coverage, by=editor, body="Polls have closed")
    pinned = services.entry_pin(entry=services.entry_create(coverage=coverage, by=editor, body="Turnout at 64 per cent"), by=editor)
    outcome = {}

    with transaction.atomic():
        services.lock(pinned)  # the edit of the pinned entry has begun
        colleague = in_thread(services.entry_pin, outcome, entry=LiveEntry.objects.get(pk=first.pk), by=editor)
        until_a_lock_is_awaited()
        services.entry_edit(entry=pinned, by=editor, body="Turnout at 65 per cent", seen=services.entry_seen(pinned))
    colleague.join()

    assert outcome == {"done": True}
    assert list(LiveEntry.objects.filter(coverage=coverage, is_pinned=True)) == [first]
    assert LiveEntry.objects.get(pk=pinned.pk).body.startswith("<p>Turnout at 65")


def test_a_storys_deletion_takes_the_coverage_before_the_entries_and_an_edit_waiting_on_it_is_refused(editor):
    """The deletion deleted the entries, then the coverage, the reverse of an entry's change (coverage first):
    an edit meanwhile deadlocked. Now it waits, and is told the story went, not given a 500."""
    coverage = LiveCoverageFactory()
    entry = services.entry_create(coverage=coverage, by=editor, body="Polls have closed")
    with CaptureQueriesContext(connection) as queries:
        with transaction.atomic():
            coverage.article.delete()
            sql = [query["sql"] for query in queries.captured_queries]
            locked = next(n for n, line in enumerate(sql) if "live_livecoverage" in line and "FOR UPDATE" in line)
            assert locked < next(n for n, line in enumerate(sql) if line.startswith('DELETE FROM "live_liveentry"'))
            colleague = in_thread(services.entry_edit, outcome := {}, entry=entry, by=editor, body="Polls closed at 10pm")
            until_a_lock_is_awaited()
    colleague.join()
    assert "deleted meanwhile" in str(outcome.get("error")), outcome


def test_a_new_entry_and_an_edit_sharing_a_photo_wait_for_each_other(editor):
    """A new entry locks the coverage before its photo, as an edit does: the other way round, a photo used by
    two entries (a map) made PostgreSQL kill one of them ("deadlock detected")."""
    colleague = UserFactory(username="co-editor", role="Editor")
    photo = PhotoFactory()
    coverage = LiveCoverageFactory()
    out = LiveEntryFactory(coverage=coverage, photo=photo, author=colleague)
    outcome, started = {}, []
    real_next_change = services.next_change

    def next_change(covered):  # the colleague edits just as the new entry is being sent
        if not started:
            started.append(in_thread(services.entry_edit, outcome, entry=LiveEntry.objects.get(pk=out.pk), by=colleague,
                                     body="Bridge closed both ways.", photo=photo))
            until_a_lock_is_awaited(or_done=started[0])  # this new entry holds nothing yet: the edit may finish
        return real_next_change(covered)

    with mock.patch.object(services, "next_change", next_change):
        services.entry_create(coverage=coverage, by=editor, body="Map of the closures.", photo=photo)
    started[0].join()
    assert outcome == {"done": True}

