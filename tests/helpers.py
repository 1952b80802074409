"""Shared by the tests of more than one app."""
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

from django.db import connection, connections, transaction
from django.test import Client

NOON = datetime(2026, 11, 24, 12, 0, 0, tzinfo=UTC)  # the `clock` fixture (tests/conftest.py) starts here
ROOT = Path(__file__).resolve().parents[1]


def manage(*args, cwd=ROOT, unset=(), **env) -> subprocess.CompletedProcess:
    """`manage.py *args` in a process of its own, as an operator starts it: this environment without SECRET_KEY, DEBUG
    and the names in `unset`, plus `env`."""
    clean = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", *unset}}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=cwd, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


POLL_SECONDS = 0.02


def wait_for(predicate, seconds, what):
    """Call `predicate()` until it returns something true, and return that; raise AssertionError naming `what`
    if it has not within `seconds`.

    Only for waiting on another process: gunicorn or Varnish coming up and answering, a purge reaching them,
    a browser's own timers posting, a subprocess's threads. No clock in this process (time-machine, the
    `clock` fixture, Playwright's page.clock) can move theirs, so this polls in real time, every
    POLL_SECONDS. Anything this process or a page does on its own clock is moved with that clock instead, and
    a page's state is awaited with Playwright's expect(): the README, "Browser tests".
    """
    deadline = time.monotonic() + seconds
    while not (result := predicate()):
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(POLL_SECONDS)
    return result


def until_a_lock_is_awaited(deadline_seconds=10, *, or_done=None):
    """Return once another connection waits for a lock this one holds (a colleague's request, held by this
    one's row lock), or once `or_done`, the colleague's thread, has ended without having to wait.

    Asked of pg_locks and pg_blocking_pids() alone, never pg_stat_activity: a transaction reads that view once
    and keeps the copy until it ends, so a colleague that connected after the first poll (as under load) was
    never in it, its wait never seen, and the test failed after the deadline with the colleague still waiting."""
    deadline = time.monotonic() + deadline_seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
            )
            if cursor.fetchone()[0] or (or_done is not None and not or_done.is_alive()):
                return
    raise AssertionError(f"the other connection never waited for a lock within {deadline_seconds} s")


COLLEAGUES: list[threading.Thread] = []  # started by in_thread; joined at each test's end (tests/conftest.py)


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
    COLLEAGUES.append(thread)
    thread.start()
    return thread


def while_held(hold, colleague, *, waits=True):
    """`hold()` in a transaction that keeps the rows it locks until it commits (a request holding them); meanwhile
    `colleague()`, a colleague's request on a connection of its own, reaches those rows and waits for them (or, with
    `waits` False, may end without having to). Return what `hold()` returned and the colleague's outcome: `returned`,
    or `error`, what its request would have turned into a 500."""
    outcome = {}
    with transaction.atomic():
        held = hold()
        thread = in_thread(lambda: outcome.update(returned=colleague()), outcome)
        until_a_lock_is_awaited(or_done=None if waits else thread)
    thread.join()
    return held, outcome


class FormValues(HTMLParser):
    """What a browser would submit from a page's form, as the test client's POST data (no file inputs)."""

    def __init__(self):
        super().__init__()
        self.values, self.textarea, self.select, self.first_option = {}, None, None, {}
        self.multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "checkbox", "radio"):
            self.values[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.values[name] = attrs.get("value") or "on"
        elif tag == "textarea" and name:
            self.textarea, self.values[name] = name, ""
        elif tag == "select" and name:
            self.select, self.multiple = name, "multiple" in attrs
            if self.multiple:  # a browser posts each option chosen, and nothing when none is
                self.values[name] = []
        elif tag == "option" and self.select and self.multiple:
            if "selected" in attrs:
                self.values[self.select].append(attrs.get("value") or "")
        elif tag == "option" and self.select:
            if "selected" in attrs or self.select not in self.values:
                self.values[self.select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data.removeprefix("\n") if not self.values[self.textarea] else data


def form_values(page: str, **changes) -> dict:
    """The form on `page` as a browser would submit it, with `changes` typed in."""
    parser = FormValues()
    parser.feed(page)
    return {**parser.values, **changes}


def list_edited(page: str, field: str, typed: dict) -> dict:
    """An admin change list's editable rows on `page` as a browser saves them, `field` typed in as `typed`
    ({row id: value}) says."""
    values = form_values(page, _save="Save")
    rows = {values[f"form-{index}-id"]: index for index in range(int(values["form-TOTAL_FORMS"]))}
    return {**values, **{f"form-{rows[str(pk)]}-{field}": str(value) for pk, value in typed.items()}}


def browser_of(user) -> Client:
    """A browser of `user`'s own, logged in: a colleague beside the test's `client`."""
    browser = Client()
    browser.force_login(user)
    return browser


def opened_before_a_colleagues_save(client, url, colleague, **theirs) -> str:
    """The form at `url` as `client` opened it, just before `colleague` (browser_of) saved it with `theirs`
    typed in: a page older than the row, whose save must be refused with what was typed kept."""
    page = client.get(url).content.decode()
    assert colleague.post(url, form_values(colleague.get(url).content.decode(), **theirs)).status_code == 302
    return page


def head_as_a_server_sends_it(path: str) -> tuple[dict, bytes]:
    """A HEAD through Django's WSGI handler, as gunicorn gets it (the test client drops a body itself): its
    headers, and the body the app left in it."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_started
    from django.db import close_old_connections
    from django.test import RequestFactory

    headers = {}
    request_started.disconnect(close_old_connections)  # as the test client does: the test's own transaction stays
    try:
        body = b"".join(WSGIHandler()(RequestFactory().head(path).environ, lambda status, sent: headers.update(sent)))
    finally:
        request_started.connect(close_old_connections)
    return headers, body


def worker_share(ports: range) -> range:
    """This pytest-xdist worker's share of `ports` (every n-th one): a port is free until its server binds it, a
    second or more after it is picked, and a worker picking from the same ports meanwhile would get it too, so that
    its tests talked to the other worker's server (on the other worker's database)."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    return ports[worker::int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))]
