"""A mail server that never answers holds a note's save no longer than EMAIL_TIMEOUT, and the failure is logged."""
import logging
import socket
import threading
import time

import pytest

from notes.models import Note
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.notes.helpers import add_url

pytestmark = pytest.mark.django_db
GUNICORN_TIMEOUT = 30  # gunicorn.conf.py's default: a worker still busy then is killed, its answer a 502


@pytest.fixture
def silent_mail_server(settings):
    """An SMTP port that takes the connection and never says a word: a relay hung, or one behind a firewall that drops."""
    listener = socket.create_server(("127.0.0.1", 0))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", listener.getsockname()[1]
    settings.NOTES_EMAIL_MENTIONS = True
    # Where a worker would be killed, the connection is cut, so that the test ends either way.
    guard = threading.Timer(GUNICORN_TIMEOUT, listener.close)
    guard.start()
    yield
    guard.cancel()
    listener.close()


def test_a_mention_mailed_to_a_silent_server_returns_before_the_worker_is_killed(
        silent_mail_server, client, caplog, django_capture_on_commit_callbacks):
    """Without a timeout the note's post waited on the mail server for ever: gunicorn killed the worker, the editor
    got an error for a note that was saved, and the mail's failure, swallowed, was in no log."""
    kim = UserFactory(username="kim", role="Journalist", email="kim@newsroom.example")
    article = ArticleFactory(authors=[kim], section=SectionFactory(slug="politics"))
    client.force_login(UserFactory(username="ed", role="Editor"))
    started = time.monotonic()
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(article), {"text": "@kim the source is Jane Roe", "field": "", "quote": ""})
    assert time.monotonic() - started < GUNICORN_TIMEOUT - 5
    assert response.status_code == 302
    assert Note.objects.get().text == "@kim the source is Jane Roe"
    failures = [record for record in caplog.records if record.name.startswith("notes")]
    assert failures and "mail" in failures[0].getMessage()
    assert "Jane Roe" not in caplog.text  # the note's words stay out of the log
