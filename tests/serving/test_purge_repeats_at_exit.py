"""A script that takes a story off the site (`manage.py shell`, a management command, a recycled gunicorn worker)
exits in a few seconds, its hard purge's repeats (FRONT_CACHE_REPEATS) sent at once. They were timers on threads the
interpreter joined before atexit, so such a process lived gunicorn's whole timeout (30 s): a worker recycled after a
withdrawal outlived gunicorn's graceful timeout and was killed, with what it still held unsent (found by a reviewer)."""
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from serving import frontcache
from tests.factories import ArticleFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Varnish(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the method name http.server dispatches to
        type(self).received.append(self.headers["xkey-purge"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Varnish)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Varnish.received[:] = []
    yield server
    server.shutdown()


def test_a_shell_that_withdraws_a_story_exits_within_a_few_seconds(varnish, test_database_url):
    story = ArticleFactory(published=True, headline="Harbour reopens")
    editor = UserFactory(username="ed-shell", role="Editor")
    code = f"""
from articles.models import Article
from desk.services import article_withdraw
from django.contrib.auth import get_user_model
User = get_user_model()
article_withdraw(article=Article.objects.get(pk={story.pk}), by=User.objects.get(pk={editor.pk}))
"""
    env = {**{key: value for key, value in os.environ.items()
              if not key.startswith(("DEBUG", "FRONT_CACHE", "GUNICORN"))},
           "SECRET_KEY": "shell-key", "DATABASE_URL": test_database_url, "REDIS_URL": "",
           "FRONT_CACHES": f"http://127.0.0.1:{varnish.server_port}/"}  # FRONT_CACHE_REPEATS: its default
    started = time.monotonic()
    try:
        result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=frontcache.EXIT_SECONDS + 10)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the shell was still exiting {time.monotonic() - started:.0f} s after it began: the hard purge's "
                    "30-second repeat timer holds the interpreter's exit")
    assert result.returncode == 0, result.stderr
    assert any(f"story-{story.pk}" in tags.split() for tags in Varnish.received)
