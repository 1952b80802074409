"""Two app servers sharing PostgreSQL and Redis: a change made through one is on the other at once, and a
scheduled live entry or story update is on both at its second.

Runs when the suite runs on PostgreSQL and Redis answers (REDIS_URL, default redis://127.0.0.1:6379/3);
skipped otherwise. Two real gunicorn processes serve the test database, each with its own worker.
"""
import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from articles.models import Article
from live.models import ScheduledUpdate
from live.updates import update_schedule
from tests.factories import ArticleFactory, LiveCoverageFactory, LiveEntryFactory, SectionFactory, UserFactory
from tests.helpers import wait_for
from tests.serving.helpers import free_ports
from tests.shared_redis import REDIS_URL, forget_keys, redis_answers, redis_cache_settings

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "two-nodes-editor-password"
PORTS = range(8100, 8200)  # this branch's port range on shared machines


pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not redis_answers(), reason=f"Redis does not answer at {REDIS_URL}"),
]


class Node:
    """One gunicorn app server on loopback."""

    def __init__(self, name, env):
        self.name = name
        (self.port,) = free_ports(PORTS)
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi"],
            cwd=ROOT, env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )

    def wait_until_healthy(self, seconds=30):
        def healthy():
            if self.process.poll() is not None:
                raise RuntimeError(f"node {self.name} exited: {self.process.stderr.read()[-2000:]}")
            try:
                return fetch(self.base + "/healthz")[0] == 200
            except OSError:
                return False
        wait_for(healthy, seconds, f"node {self.name} answering /healthz")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, data=None, opener=None):
    """Return (status, headers, body) for one request, without following redirects."""
    opener = opener or urllib.request.build_opener(NoRedirect)
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=body), timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def cache_prefix():
    """Keys of this run only, so parallel runs sharing one Redis never meet."""
    return f"two-nodes-{uuid.uuid4().hex[:8]}"


def node_env(static_root, database_url, cache_prefix) -> dict:
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DEBUG", "PAGE_CACHE"))},
        "SECRET_KEY": "two-nodes-test-key", "DATABASE_URL": database_url, "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": cache_prefix, "STATIC_ROOT": str(static_root),
        "GUNICORN_WORKERS": "1", "GUNICORN_ACCESS_LOG": "", "GUNICORN_LOG_LEVEL": "warning",
        "DOMAIN_CACHE_SECONDS": "1",  # each node's own copy of the domain list; short, so the test is too
    }


def start_nodes(env):
    started = [Node("A", env), Node("B", env)]
    try:
        for node in started:
            node.wait_until_healthy()
    except Exception:
        for node in started:
            node.stop()
        raise
    return started


@pytest.fixture(scope="module")
def nodes(request, test_database_url, cache_prefix):
    started = start_nodes(node_env(request.getfixturevalue("static_root"), test_database_url, cache_prefix))
    yield started
    for node in started:
        node.stop()


@pytest.fixture
def fresh_nodes(request, test_database_url, cache_prefix):
    """Two nodes of this test's own. A node keeps content type ids in memory (revisions need them), and the
    flush after each earlier test made the rows again under new ids."""
    started = start_nodes(node_env(request.getfixturevalue("static_root"), test_database_url, cache_prefix))
    yield started
    for node in started:
        node.stop()


@pytest.fixture(autouse=True)
def shared_redis(settings, cache_prefix):
    """This process invalidates through the same Redis as the nodes."""
    settings.CACHES = redis_cache_settings(cache_prefix)
    forget_keys(cache_prefix)
    yield
    forget_keys(cache_prefix)


def editor_session(node):
    """Log in to the node's desk as an editor; return an opener that carries the session."""
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _status, _headers, login_page = fetch(node.base + "/admin/login/", opener=opener)
    status, headers, _body = fetch(node.base + "/admin/login/", {
        "username": "two-nodes-editor", "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(login_page), "next": "/admin/",
    }, opener=opener)
    assert status == 302 and headers["Location"] == "/admin/", "the editor could not log in"
    return opener


def run_admin_action(node, opener, action, article):
    changelist = node.base + "/admin/articles/article/"
    _status, _headers, page = fetch(changelist, opener=opener)
    status, _headers, _body = fetch(changelist, {
        "action": action, "_selected_action": article.pk, "index": 0, "select_across": 0,
        "csrfmiddlewaretoken": csrf_token(page),
    }, opener=opener)
    assert status == 302


def test_a_story_published_and_withdrawn_through_one_node_shows_on_both_at_once(nodes):
    node_a, node_b = nodes
    editor = UserFactory(username="two-nodes-editor", role="Editor")
    # A quick hash here; the node upgrades it at login, with the production hasher.
    editor.password = PBKDF2PasswordHasher().encode(PASSWORD, "twonodessalt", iterations=1000)
    editor.save()
    section = SectionFactory(slug="news", name="News")
    ArticleFactory(published=True, section=section, headline="Ferry timetable changes")
    story = ArticleFactory(section=section, headline="Port strike ends after nine days")
    for node in nodes:  # warm both nodes' caches: the draft is on neither
        fetch(node.base + "/")
        status, headers, home = fetch(node.base + "/")
        assert headers["X-Page-Cache"] == "hit" and "Port strike ends" not in home

    desk = editor_session(node_a)
    run_admin_action(node_a, desk, "publish_now", story)
    status, headers, home_b = fetch(node_b.base + "/")
    assert "Port strike ends after nine days" in home_b, "node B served its stale cached front page"
    assert fetch(node_b.base + Article.objects.get(pk=story.pk).get_absolute_url())[0] == 200

    run_admin_action(node_a, desk, "withdraw", story)
    for node in nodes:
        assert "Port strike ends" not in fetch(node.base + "/")[2]
        assert fetch(node.base + story.get_absolute_url())[0] == 404


def status_on_host(node, host) -> int:
    request = urllib.request.Request(node.base + "/", headers={"Host": host})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for_status(node, host, status, seconds):
    wait_for(lambda: status_on_host(node, host) == status, seconds, f"node {node.name} answering {status} for {host}")


def test_a_deactivated_mirror_is_refused_on_both_nodes_within_the_domain_cache_window(nodes):
    """A mirror switched off through the shared cache is refused by every node within DOMAIN_CACHE_SECONDS."""
    from tests.factories import DomainFactory

    DomainFactory(hostname="newsroom.example", is_primary=True, position=0)
    mirror = DomainFactory(hostname="mirror1.newsroom.example", position=1)
    for node in nodes:  # each node's copy of the (empty) list expires within its window
        wait_for_status(node, "mirror1.newsroom.example", 200, seconds=3)
    mirror.is_active = False
    mirror.save()  # its signal bumps the generation in the shared Redis
    started = time.monotonic()
    for node in nodes:
        wait_for_status(node, "mirror1.newsroom.example", 400, seconds=3)
    assert time.monotonic() - started < 3


def test_static_files_have_hashed_names_and_far_future_caching(nodes):
    _status, _headers, home = fetch(nodes[0].base + "/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    status, headers, _body = fetch(nodes[1].base + stylesheet)
    assert status == 200
    assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]


def poll_both(nodes, paths, until):
    """Fetch every path on both nodes until the timestamp `until`: [(path, sent, received, body)]."""
    seen = []

    def polled_until():
        for node in nodes:
            for path in paths:
                sent = time.time()
                _status, _headers, body = fetch(node.base + path)
                seen.append((path, sent, time.time(), body))
        return time.time() >= until
    wait_for(polled_until, until + 3 - time.time(), "polling both nodes")
    return seen


def test_a_live_entry_scheduled_for_a_second_is_on_both_nodes_at_that_second_and_never_before(nodes):
    coverage = LiveCoverageFactory()
    LiveEntryFactory(coverage=coverage, body="<p>Already out</p>")
    pk = coverage.article_id
    paths = [coverage.article.get_absolute_url(), reverse("live:head", kwargs={"pk": pk}),
             reverse("live:entries", kwargs={"pk": pk}) + "?after=1&upto=2"]
    for node in nodes:
        for path in paths:
            fetch(node.base + path)  # cached on both
    at = datetime.fromtimestamp(int(time.time()) + 3, tz=UTC)
    LiveEntryFactory(coverage=coverage, body="<p>Aftershock felt inland</p>", published_at=at)  # purges, schedule moved
    seen = poll_both(nodes, paths, at.timestamp() + 1.5)

    def shown(path, body):
        return '"seq": 2' in body if "head.json" in path else "Aftershock felt inland" in body
    early = [(path, at.timestamp() - received) for path, _sent, received, body in seen if received < at.timestamp() and shown(path, body)]
    assert not early, f"shown early: {early[:3]}"
    after = [(path, body) for path, sent, _received, body in seen if sent >= at.timestamp() + 1]
    late = [path for path, body in after if not shown(path, body)]
    assert after and not late, f"still missing a second after its time: {late[:3]}"


def test_a_scheduled_update_is_applied_once_and_shown_by_both_nodes_at_its_second(fresh_nodes):
    nodes = fresh_nodes
    editor = UserFactory(username="two-nodes-editor", role="Editor")
    story = ArticleFactory(published=True, headline="Nine dead in the storm")
    for node in nodes:
        fetch(node.base + story.get_absolute_url())
    at = datetime.fromtimestamp(int(time.time()) + 3, tz=UTC)
    update_schedule(article=story, by=editor, at=at, headline="Twelve dead in the storm", body=story.body)
    seen = poll_both(nodes, [story.get_absolute_url()], at.timestamp() + 1.5)
    early = [received for _path, _sent, received, body in seen if received < at.timestamp() and "Twelve dead" in body]
    assert not early, "the update showed before its time"
    after = [body for _path, sent, _received, body in seen if sent >= at.timestamp() + 1]
    assert after and all("Twelve dead" in body for body in after), "the update was still missing a second after its time"
    assert ScheduledUpdate.objects.get().applied_at is not None
    assert Article.objects.get(pk=story.pk).version == 2  # applied once
