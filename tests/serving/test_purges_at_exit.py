"""A process that exits first sends the purges it holds: a script or `manage.py shell` purges like the desk."""
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.factories import ArticleFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like the later transactional tests


# How long the front cache takes to answer a purge: the shell's last purge is still waiting for its answer
# when the shell exits, which is the case its exit must handle. This is a network's latency, not a wait for
# something: the shell gives this process no signal that it has reached its exit, so nothing could release an
# answer at the right moment, and an answer held until the shell's exit would hold that exit (its sender
# sends one purge at a time).
ANSWER_SECONDS = 0.3


class FrontCache(http.server.BaseHTTPRequestHandler):
    """A front cache that takes its time: answers (statuses, or None to never answer) in order, then 200."""

    answers = []
    received = []
    test_over = threading.Event()  # a purge never answered holds its connection until then

    def do_PURGE(self):  # noqa: N802 - the method name http.server dispatches to
        type(self).received.append(self.headers["xkey-purge"])
        answer = self.answers.pop(0) if self.answers else 200
        if answer is None:
            self.test_over.wait()
            self.close_connection = True
            return
        time.sleep(ANSWER_SECONDS)
        self.send_response(answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FrontCache)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FrontCache.received[:] = []
    FrontCache.test_over.clear()
    yield server
    FrontCache.test_over.set()
    server.shutdown()


def edit_in_a_shell(story, front_cache, test_database_url, *, between="", **env):
    """Run `manage.py shell -c` that saves `story` twice, running `between` between the saves, and exits;
    return (seconds taken, its stderr)."""
    return run_in_a_shell(f"""
from articles.models import Article
from serving import frontcache
story = Article.objects.get(pk={story.pk})
story.headline += "!"
story.save()
{between}
story.headline += "!"
story.save()
""", front_cache, test_database_url, **env)


def run_in_a_shell(code, front_cache, test_database_url, **env):
    env = {**{key: value for key, value in os.environ.items() if not key.startswith(("DEBUG", "FRONT_CACHE"))},
           "SECRET_KEY": "shell-key", "DATABASE_URL": test_database_url, "REDIS_URL": "",
           "FRONT_CACHES": f"http://127.0.0.1:{front_cache.server_port}/", **env}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started, result.stderr


def test_a_shell_that_exits_sends_its_purges_and_its_retries_first(front_cache, test_database_url):
    """The front cache refuses the first purge and is slow: when the shell ends, the first waits for its
    retry (a minute away) and the second for its answer. Both go before the process exits."""
    story = ArticleFactory(published=True, headline="Harbour reopens")
    FrontCache.answers[:] = [503]
    edit_in_a_shell(story, front_cache, test_database_url, FRONT_CACHE_RETRY_SECONDS="60",
                    between="from tests.helpers import wait_for\n"
                            "wait_for(frontcache.failing, 10, 'the refusal')  # the refusal is in, its retry waits")
    assert len(FrontCache.received) == 3, FrontCache.received
    assert all(f"story-{story.pk}" in tags.split() for tags in FrontCache.received)


def test_an_exiting_process_waits_a_few_seconds_at_most_and_says_what_it_did_not_send(front_cache, test_database_url):
    story = ArticleFactory(published=True, headline="Harbour reopens")
    FrontCache.answers[:] = [None]  # never answers
    took, log = edit_in_a_shell(story, front_cache, test_database_url, FRONT_CACHE_TIMEOUT="30")
    assert took < 15
    assert log.count("Exiting: the purge of 3 tags at http://127.0.0.1:") == 2, log


def test_a_shell_that_withdraws_a_story_exits_in_a_few_seconds_its_purge_repeats_sent(front_cache, test_database_url):
    """A hard purge is sent again after 0.5 s and after gunicorn's timeout (FRONT_CACHE_REPEATS, its default here):
    waiting on timers the interpreter joined before atexit, a shell (or a recycled worker, past gunicorn's graceful
    timeout) that withdrew a story lived 30 s more (found by a reviewer). Exiting, it sends them at once."""
    story = ArticleFactory(published=True, headline="Harbour reopens")
    editor = UserFactory(username="ed-shell", role="Editor")
    took, _log = run_in_a_shell(f"""
from articles.models import Article
from desk.services import article_withdraw
from django.contrib.auth import get_user_model
article_withdraw(article=Article.objects.get(pk={story.pk}), by=get_user_model().objects.get(pk={editor.pk}))
""", front_cache, test_database_url, GUNICORN_TIMEOUT="30")
    assert took < 15
    withdrawal = [tags for tags in FrontCache.received if f"story-{story.pk}" in tags.split()]
    assert len(withdrawal) == 3  # sent, then its two repeats at exit
