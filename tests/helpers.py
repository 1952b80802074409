"""Shared by the tests of more than one app."""
import threading
import time
from datetime import UTC, datetime

from django.db import connection, connections

NOON = datetime(2026, 11, 24, 12, 0, 0, tzinfo=UTC)  # the `clock` fixture (tests/conftest.py) starts here


def until_a_lock_is_awaited(deadline_seconds=10, *, or_done=None):
    """Return once another connection to this database waits for a row lock (a colleague's request, held by
    this one's), or once `or_done`, the colleague's thread, has ended without having to wait."""
    deadline = time.monotonic() + deadline_seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid) "
                "WHERE NOT granted AND datname = current_database()"
            )
            if cursor.fetchone()[0] or (or_done is not None and not or_done.is_alive()):
                return
    raise AssertionError("the other connection never waited for a lock")


def in_thread(action, outcome, **kwargs) -> threading.Thread:
    """A colleague's request: `action(**kwargs)` on a connection of its own; `outcome` says how it ended."""
    def run():
        try:
            action(**kwargs)
            outcome["done"] = True
        except Exception as error:  # what the colleague's request would have turned into a 500
            outcome["error"] = error
        finally:
            connections.close_all()
    thread = threading.Thread(target=run)
    thread.start()
    return thread
