"""Errors and logins are logged as one JSON line each, with no password, cookie, session or header values."""
import io
import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from newsroom.logging import JSONFormatter
from tests.security.servers import fetch, free_port, gunicorn

SECRETS = {
    "password": "hunter2-very-secret-guess",
    "session": "session-secret-value",
    "authorization": "Bearer auth-secret-token",
    "query": "query-secret-token",
}


@pytest.fixture
def log_lines(settings):
    """Collect what the site logs, formatted as production formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: stream.getvalue().splitlines()
    root.removeHandler(handler)


def assert_no_secrets(lines, client):
    text = "\n".join(lines)
    for value in [*SECRETS.values(), *(cookie.value for cookie in client.cookies.values())]:
        assert value not in text


@pytest.fixture
def browser(editor):
    """A logged-in browser carrying a session secret, cookies and an Authorization header."""
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=SECRETS["authorization"])
    client.force_login(editor)
    session = client.session
    session["draft_note"] = SECRETS["session"]
    session.save()
    return client


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls")
def test_server_error_is_one_json_line_without_secrets(browser, log_lines):
    """A crashing view logs one line: time, level, logger, message, method, path, status, traceback."""
    response = browser.post(f"/boom/?token={SECRETS['query']}", {"password": SECRETS["password"]})
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    lines = log_lines()
    assert len(lines) == 1, lines
    entry = json.loads(lines[0])
    assert entry["level"] == "ERROR" and entry["logger"] == "django.request"
    assert entry["method"] == "POST" and entry["path"] == "/boom/" and entry["status"] == 500
    assert "ValueError: something broke in a view" in entry["exception"]
    assert {"time", "message"} <= entry.keys()
    assert_no_secrets(lines, browser)


@pytest.mark.django_db
def test_failed_login_is_one_json_line_without_the_password(editor, log_lines):
    """A wrong password logs one `login_failed` event naming the account and address, never the guess."""
    client = Client(HTTP_AUTHORIZATION=SECRETS["authorization"])
    client.get(reverse("admin:login"))  # picks up a CSRF cookie, which must not be logged either
    response = client.post(reverse("admin:login"), {"username": "ed-editor", "password": SECRETS["password"]},
                           REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 200
    lines = log_lines()
    assert len(lines) == 1, lines
    entry = json.loads(lines[0])
    assert entry == {
        "time": entry["time"], "level": "WARNING", "logger": "newsroom.security", "message": "Login failed",
        "method": "POST", "path": "/admin/login/", "event": "login_failed", "username": "ed-editor",
        "ip": "192.0.2.44",
    }
    assert_no_secrets(lines, client)


@pytest.mark.django_db
def test_unknown_username_is_not_logged(db, log_lines):
    """A password typed into the username box never reaches the log."""
    Client().post(reverse("admin:login"), {"username": SECRETS["password"], "password": "x"})
    entry = json.loads(log_lines()[0])
    assert entry["event"] == "login_failed" and "username" not in entry
    assert SECRETS["password"] not in log_lines()[0]


def test_formatter_keeps_multiline_messages_on_one_line():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "first\nsecond", None, None)
    line = JSONFormatter().format(record)
    assert "\n" not in line and json.loads(line)["message"] == "first\nsecond"


def test_djangos_records_are_json_lines_only_under_debug_too():
    """Django's default logging adds a plain console handler to its logger, active under DEBUG (`make run`),
    which printed every 403 and 404 a second time, with a traceback: the site's logging removes it."""
    django_logger = logging.getLogger("django")
    assert django_logger.handlers == [] and django_logger.propagate


def test_log_level_applies_to_djangos_records_too():
    """LOG_LEVEL=ERROR leaves out Django's 404 warnings as it does the site's: Django's logger kept its own level."""
    import os
    import subprocess
    import sys

    code = "import django, logging; django.setup(); print(logging.getLogger('django.request').getEffectiveLevel())"
    env = {**os.environ, "LOG_LEVEL": "ERROR", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    found = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == str(logging.ERROR)


def test_gunicorns_own_lines_are_json_and_its_access_log_has_no_query_string(tmp_path):
    """gunicorn's messages and access lines (gunicorn.conf.py) are JSON lines like the app's; a reader's search
    terms stay out of both."""
    access_log = tmp_path / "access.log"
    closed = free_port()  # no database: the search answers 503, which is logged too
    with gunicorn(tmp_path, f"postgres://newsroom@127.0.0.1:{closed}/newsroom", GUNICORN_ACCESS_LOG=str(access_log)) as (port, log):
        fetch(port, f"/search/?q={SECRETS['query']}")
    messages = [json.loads(line) for line in log]  # every line, gunicorn's included
    assert {"gunicorn.error", "django.request"} <= {entry["logger"] for entry in messages}
    accesses = [json.loads(line) for line in access_log.read_text().splitlines()]
    assert [(entry["method"], entry["path"], entry["status"]) for entry in accesses] == [("GET", "/search/", 503)]
    assert SECRETS["query"] not in access_log.read_text() + "\n".join(log)
