"""Varnish (deploy/varnish.vcl, started by deploy/run-varnish) in front of a real gunicorn, end to end.

The app runs on the test database (PostgreSQL) and Redis; changes are made here through the ORM and the
editorial services, and this process purges Varnish as an app server does (FRONT_CACHES). Real clock.

Skipped on SQLite (gunicorn needs the test database too). Skipped when varnishd or the xkey vmod is
missing, unless REQUIRE_VARNISH is set (.ci/run installs Varnish and sets it): then it fails. Likewise
without Redis, unless REQUIRE_REDIS is set.
"""
import glob
import http.client
import http.cookiejar
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction
from django.utils import timezone

from desk.services import article_publish, article_save, article_withdraw
from serving import frontcache
from tests.factories import (
    ApiKeyFactory, ArticleFactory, ArticlePhotoFactory, LiveEntryFactory, PhotoFactory, SectionFactory, UserFactory,
)
from tests.helpers import wait_for
from tests.serving.helpers import free_ports
from tests.shared_redis import (
    REDIS_URL,
    forget_keys,
    redis_answers,
    redis_cache_settings,
)

ROOT = Path(__file__).resolve().parents[2]
RUN_VARNISH = ROOT / "deploy" / "run-varnish"
VARNISHD = os.environ.get("VARNISHD", "/usr/sbin/varnishd")  # deploy/run-varnish reads the same variable
PORTS = range(8300, 8400)  # test_two_nodes uses 8100-8199
PASSWORD = "varnish-editor-password"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def missing_varnish() -> str | None:
    if not os.access(VARNISHD, os.X_OK):
        return f"no varnishd at {VARNISHD} (apt-get install varnish varnish-modules)"
    if not glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so") and not glob.glob("/usr/lib/varnish/vmods/libvmod_xkey.so"):
        return "the xkey vmod is missing (apt-get install varnish-modules)"
    if not shutil.which("varnishadm"):
        return "varnishadm is missing (apt-get install varnish)"
    return None


def skip_or_fail(reason, required_by):
    if os.environ.get(required_by):
        pytest.fail(f"{required_by} is set, but {reason}")
    pytest.skip(reason)


def answers(url) -> bool:
    try:  # with the host a health check sends (the README): one the servers below all serve
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Host": "localhost"}), timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@dataclass
class Response:
    url: str
    status: int
    headers: http.client.HTTPMessage
    body: str
    started: float  # time.time() before sending and after reading
    ended: float

    @property
    def cache(self) -> str:
        return self.headers.get("X-Cache", "")

    @property
    def hit(self) -> bool:
        return self.cache.startswith("HIT")

    @property
    def object_id(self) -> str:
        """The cached object's id (X-Varnish's second number, on hits)."""
        return self.headers.get("X-Varnish", "").split()[-1]


served: list[Response] = []  # every response Varnish gave in this module, checked for cookies on hits


class Purges:
    """The purges this process handed to its sender thread, those the thread has sent, and when Varnish last
    answered one (time.time(), as Response.started)."""

    def __init__(self):
        self.queued = self.sent = 0
        self.answered_at = 0.0


purges = Purges()


class Stack:
    """gunicorn on the test database, Varnish in front of it: both on loopback."""

    starts_within = 30  # seconds

    def __init__(self, env, static_root, varnish_env=None):
        app_port, varnish_port = free_ports(PORTS, 2)
        self.app = f"http://127.0.0.1:{app_port}"
        self.port = varnish_port
        self.base = f"http://127.0.0.1:{varnish_port}"
        self.workdir = f"/tmp/newsroom-varnish-test-{uuid.uuid4().hex[:8]}"  # reachable by varnishd's vcache user
        self.processes, self.logs = [], {}
        self.processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi"], cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{app_port}", "FRONT_CACHES": self.base + "/", "STATIC_ROOT": str(static_root)},
            stdout=subprocess.DEVNULL, stderr=self.log("gunicorn"),
        ))
        self.processes.append(subprocess.Popen(
            ["bash", str(RUN_VARNISH)], cwd=ROOT,
            env={**os.environ, "VARNISH_PORT": str(varnish_port), "BACKEND": f"127.0.0.1:{app_port}",
                 "VARNISH_WORKDIR": self.workdir, "VARNISH_MEMORY": "64m", **(varnish_env or {})},
            stdout=subprocess.DEVNULL, stderr=self.log("varnish"),
        ))

    def log(self, name):
        """A file for a process's messages (a pipe nobody reads could fill up and stall it)."""
        self.logs[name] = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in stop())
        return self.logs[name]

    def wait_until_ready(self):
        def up(url):
            for process, (name, log) in zip(self.processes, self.logs.items(), strict=True):
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"{name} exited: {log.read()[-3000:]}")
            return answers(url)
        wait_for(lambda: up(self.app + "/healthz"), self.starts_within, "gunicorn")
        wait_for(lambda: up(self.base + "/healthz"), 30, "Varnish")

    def ban_everything(self):
        """Empty the cache between tests: the database rolls back, Varnish's objects would stay."""
        subprocess.run(["varnishadm", "-n", f"{self.workdir}/varnishd", "ban", "req.url ~ ."],
                       check=True, capture_output=True, timeout=10)

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
        for log in self.logs.values():
            log.close()

    def get(self, path, headers=None, method="GET", source="127.0.0.1", body=None) -> Response:
        parts = urllib.parse.urlsplit(self.base)
        started = time.time()
        client = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20, source_address=(source, 0))
        try:
            client.request(method, path, body=body, headers=headers or {})
            answer = client.getresponse()
            body = answer.read().decode(errors="replace")  # a photo's bytes, too
            response = Response(path, answer.status, answer.headers, body, started, time.time())
        finally:
            client.close()
        served.append(response)
        return response

    def warm(self, path) -> Response:
        """Ask for `path` until Varnish answers it from its cache, once this process's purges are all sent:
        the soft purge of a story made just before, landing after, would leave the warmed copy stale."""
        wait_for(lambda: purges.sent >= purges.queued, 5, "this process's purges")
        for _ in range(3):
            response = self.get(path)
            if response.cache == "HIT":
                return response
        raise AssertionError(f"Varnish does not cache {path}: {response.status} {response.cache} "
                             f"Cache-Control: {response.headers.get('Cache-Control')}")


@pytest.fixture(scope="module")
def cache_prefix():
    return f"varnish-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    """Where gunicorn reads photos from, and where this process's factories put them."""
    return tmp_path_factory.mktemp("varnish-media")


@pytest.fixture(scope="module")
def app_env(test_database_url, cache_prefix, media_root):
    """The environment gunicorn runs in."""
    if reason := missing_varnish():
        skip_or_fail(reason, "REQUIRE_VARNISH")
    if not redis_answers():
        skip_or_fail(f"Redis does not answer at {REDIS_URL}", "REQUIRE_REDIS")
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DEBUG", "PAGE_CACHE", "FRONT_CACHE"))},
        "SECRET_KEY": "varnish-test-key", "DB_CONN_MAX_AGE": "0",
        "DATABASE_URL": test_database_url,
        "REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": cache_prefix,
        "GUNICORN_WORKERS": "2", "GUNICORN_ACCESS_LOG": "", "GUNICORN_LOG_LEVEL": "warning",
        "MEDIA_ROOT": str(media_root),
    }


@contextmanager
def started(app_env, static_root, varnish_env=None, stack_class=None):
    stack = stack_class(app_env, static_root) if stack_class else Stack(app_env, static_root, varnish_env)
    try:
        stack.wait_until_ready()
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def stack(app_env, static_root):
    with started(app_env, static_root) as stack:
        yield stack


@pytest.fixture(autouse=True)
def through_varnish(stack, settings, cache_prefix, media_root, monkeypatch):
    """This process purges like an app server: the same Redis, and Varnish as its front cache."""
    settings.CACHES = redis_cache_settings(cache_prefix)
    settings.MEDIA_ROOT = media_root
    settings.FRONT_CACHES = [stack.base + "/"]
    count_purges(monkeypatch)
    forget_keys(cache_prefix)
    stack.ban_everything()
    served.clear()
    yield
    forget_keys(cache_prefix)
    for response in served:
        if response.hit:
            assert "Set-Cookie" not in response.headers, f"a cached {response.url} carried a cookie"


def count_purges(monkeypatch):
    purges.__init__()
    send, purge_one = frontcache.send, frontcache.purge_one

    def counted_send(tags, *, hard):
        purges.queued += len(frontcache.settings.FRONT_CACHES) * len(frontcache.header_sized(list(tags)))
        send(tags, hard=hard)

    def counted_purge_one(*args, **kwargs):
        try:
            return purge_one(*args, **kwargs)
        finally:
            purges.sent += 1
            purges.answered_at = time.time()

    monkeypatch.setattr(frontcache, "send", counted_send)
    monkeypatch.setattr(frontcache, "purge_one", counted_purge_one)


@pytest.fixture
def desk_editor(db):
    editor = UserFactory(username="varnish-editor", role="Editor")
    # A quick hash here; gunicorn checks it with the production hashers (and upgrades it at login).
    editor.password = PBKDF2PasswordHasher().encode(PASSWORD, "varnishsalt", iterations=1000)
    editor.save()
    return editor


def shows(response, headline) -> bool:
    return response.status == 200 and headline in response.body


def test_a_scheduled_story_appears_through_varnish_at_its_second_and_never_before(stack, desk_editor):
    headline = "Night ferries return to the islands"
    section = SectionFactory(slug="islands", name="Islands")
    ArticleFactory(published=True, section=section, headline="Harbour dredging finished")
    story = ArticleFactory(section=section, headline=headline)  # a draft: its page is a 404 for readers
    article, section_page = story.get_absolute_url(), section.get_absolute_url()
    for path in ("/", article, section_page):  # readers already have every page cached, the 404 too
        stack.warm(path)

    publish_at = datetime.fromtimestamp(math.ceil(time.time() + 3), tz=UTC)  # 3-4 s ahead, on a second
    article_publish(article=story, by=desk_editor, at=publish_at)
    at = publish_at.timestamp()

    polled, idle = [], []

    def polled_past_the_moment():
        polled.extend([stack.get("/"), stack.get(article)])
        if not idle and time.time() >= at + 0.3:
            # The section page is left alone until after the moment: its first reader must see the story.
            idle.append(stack.get(section_page))
        return time.time() >= at + 1.5
    wait_for(polled_past_the_moment, at + 3 - time.time(), "polling Varnish until 1.5 s past the moment")
    (idle,) = idle

    early = [r for r in polled if r.ended < at and shows(r, headline)]
    assert not early, f"shown {at - early[0].ended:.2f} s early, by {early[0].url} ({early[0].cache})"
    late = [r for r in polled if r.started >= at + 1 and not shows(r, headline)]
    assert not late, f"still missing {late[0].started - at:.2f} s after its time on {late[0].url} ({late[0].cache})"
    assert [r for r in polled if r.started >= at + 1], "no request after its time"
    for path in ("/", article):
        before = [r for r in polled if r.url == path and r.ended < at]
        assert any(r.hit for r in before), f"Varnish served no copy of {path} before the publication"
    assert shows(idle, headline), f"the section page's first reader after the moment got {idle.cache} without the story"


def test_a_withdrawn_story_is_gone_through_varnish_within_a_second(stack, desk_editor):
    headline = "Mayor opens the new bridge"
    section = SectionFactory(slug="city", name="City")
    ArticleFactory(published=True, section=section, headline="Tram line extended")
    story = ArticleFactory(published=True, section=section, headline=headline)
    article = story.get_absolute_url()
    for path in ("/", article):
        assert shows(stack.warm(path), headline), path

    started = time.monotonic()
    article_withdraw(article=story, by=desk_editor, note="Legal asked us to take it down.")
    pages = {}

    def gone_from_both():
        for path in ("/", article):
            if path not in pages and not shows(response := stack.get(path), headline):
                pages[path] = response
        return len(pages) == 2
    wait_for(gone_from_both, started + 1 - time.monotonic(), "the withdrawn story gone from / and its own page")
    assert pages[article].status == 404
    assert pages["/"].status == 200


def test_a_withdrawn_storys_photo_is_gone_through_varnish_within_a_second_and_previews_pass(stack, desk_editor):
    """A public photo is kept like a page, under the tags of the stories showing it. A preview link's cookie
    (sent to /photos/ only) is never dropped for a lookup: its holder sees photos not public yet."""
    story = ArticleFactory(published=True, lead_photo=PhotoFactory(), headline="Lighthouse keepers return")
    url = f"/photos/{story.lead_photo_id}/480.webp"
    assert stack.warm(url).headers["Content-Type"] == "image/webp"
    assert stack.get(url, headers={"Cookie": "newsroom_preview=x"}).cache == "PASS"

    started = time.monotonic()
    article_withdraw(article=story, by=desk_editor, note="The photographer withdrew the picture.")
    wait_for(lambda: stack.get(url).status == 404, started + 1 - time.monotonic(),
             "the withdrawn story's photo a 404 through Varnish")


@pytest.mark.parametrize("change", ["lead photo removed", "body photo removed", "live entry's photo replaced"])
def test_a_photo_taken_off_a_public_story_is_never_served_stale(stack, desk_editor, change):
    """The story stays public, the photo may not be: its purge is hard, so Varnish serves no stale copy."""
    photo = PhotoFactory()
    if change == "lead photo removed":
        story = ArticleFactory(published=True, lead_photo=photo, headline="Harbour seals counted")
    elif change == "body photo removed":
        use = ArticlePhotoFactory(article=ArticleFactory(published=True, headline="Harbour seals counted"), photo=photo)
    else:
        entry = LiveEntryFactory(photo=photo)
    url = f"/photos/{photo.pk}/480.webp"
    assert stack.warm(url).status == 200
    if change == "lead photo removed":
        story.lead_photo = None
        article_save(article=story, by=desk_editor)
    elif change == "body photo removed":
        use.delete()
    else:
        replacement = PhotoFactory()
        with transaction.atomic():  # as the desk saves it: one transaction, one purge
            entry.photo = replacement
            entry.save()
    polled, started = [], time.monotonic()

    def polled_for_a_while():
        polled.append(stack.get(url))
        return time.monotonic() >= started + 1.5
    wait_for(polled_for_a_while, 3, "polling Varnish for 1.5 s")
    assert purges.sent >= purges.queued, "the purge never reached Varnish"
    # Asked before Varnish had the purge, the old copy is fine (a hit in flight then ends as HIT-STALE: the purge
    # set its lifetime to nothing); asked after, a soft purge would serve it stale while Varnish refetched.
    served = [(r.status, r.cache) for r in polled if r.status == 200 and r.started >= purges.answered_at]
    assert not served, f"served after its purge, no longer public: {served}"
    assert polled[-1].status == 404


def test_the_api_is_kept_by_varnish_and_purged_by_a_withdrawal_while_keyed_calls_pass(stack, desk_editor):
    """Anonymous API responses are kept like pages, under their tags: a withdrawal takes the story off the list
    and its own URL within a second. A keyed call always reaches the app, so its limit counts, and no
    response about a key (its RateLimit headers, its 429) is stored."""
    headline = "Ferry timetable changes for the winter"
    story = ArticleFactory(published=True, section=SectionFactory(slug="ferries", name="Ferries"), headline=headline)
    key = ApiKeyFactory(rate_limit=2)
    paths = ["/api/v1/stories", f"/api/v1/stories/{story.pk}"]
    for path in paths:
        assert shows(stack.warm(path), headline), path
    keyed = [stack.get(paths[0], headers={"Authorization": f"Bearer {key.token}"}) for _ in range(3)]
    assert [r.status for r in keyed] == [200, 200, 429] and {r.cache for r in keyed} == {"PASS"}
    assert keyed[1].headers["RateLimit"].startswith('"per-key";r=0') and int(keyed[2].headers["Retry-After"]) > 0
    assert stack.get(paths[0]).cache == "HIT" and "RateLimit" not in stack.get(paths[0]).headers

    started = time.monotonic()
    article_withdraw(article=story, by=desk_editor, note="Timetable not confirmed.")
    pages = {}

    def gone_from_both():
        for path in paths:
            if path not in pages and not shows(response := stack.get(path), headline):
                pages[path] = response
        return len(pages) == 2
    wait_for(gone_from_both, started + 1 - time.monotonic(), "the withdrawn story gone from the API's list and its URL")
    assert pages[paths[1]].status == 404


def log_in(stack) -> urllib.request.OpenerDirector:
    """Log in to the desk through Varnish, with the login form; return an opener that keeps the cookies."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(stack.base + "/admin/login/", timeout=20) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    form = urllib.parse.urlencode({"username": "varnish-editor", "password": PASSWORD,
                                   "csrfmiddlewaretoken": token, "next": "/admin/"}).encode()
    try:
        opener.open(stack.base + "/admin/login/", data=form, timeout=20)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302 and redirect.headers["Location"] == "/admin/", "the editor could not log in"
    return opener


def test_a_logged_in_editor_never_gets_a_cached_page(stack, desk_editor):
    headline = "Council budget passes"
    story = ArticleFactory(published=True, section=SectionFactory(slug="politics", name="Politics"), headline=headline)
    article = story.get_absolute_url()
    for path in ("/", article):
        stack.warm(path)  # anonymous readers' copies are there

    desk = log_in(stack)
    jar = next(handler.cookiejar for handler in desk.handlers if isinstance(handler, urllib.request.HTTPCookieProcessor))
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    assert "sessionid=" in cookie
    for path in ("/", article, "/", article, "/admin/"):
        response = stack.get(path, headers={"Cookie": cookie})
        assert response.status == 200, path
        assert response.cache == "PASS", f"{path} for the editor: X-Cache {response.cache}"
        if path != "/admin/":
            assert "private" in response.headers["Cache-Control"], path
            assert "xkey" not in response.headers
    # The editor's visits left the readers' copies alone, and a reader's stray csrftoken changes nothing.
    reader = stack.get(article, headers={"Cookie": "csrftoken=reader-token"})
    assert reader.cache == "HIT" and "Set-Cookie" not in reader.headers
    # A page that sets a cookie (the login form's csrftoken) is never stored.
    for _ in range(2):
        login_page = stack.get("/admin/login/")
        assert login_page.cache == "PASS" and "Set-Cookie" in login_page.headers


def test_a_draft_save_leaves_varnish_alone(stack, desk_editor):
    section = SectionFactory(slug="weather", name="Weather")
    story = ArticleFactory(published=True, section=section, headline="Storm warning lifted")
    draft = ArticleFactory(section=section, headline="Draft: floods expected")
    article = story.get_absolute_url()
    cached = {path: stack.warm(path) for path in ("/", article)}

    draft.headline = "Draft: floods expected on the coast"
    article_save(article=draft, by=desk_editor)
    wait_for(lambda: purges.sent >= purges.queued, 5, "this process's purges")  # one sent would be in Varnish now
    for path, before in cached.items():
        after = stack.get(path)
        assert after.cache == "HIT", f"{path} after a draft save: {after.cache}"
        assert after.object_id == before.object_id, f"{path} was fetched again"


def test_a_purge_naming_thousands_of_stories_reaches_varnish(stack):
    """An agency renamed purges every story showing its photos: one header naming 3,000 of them was refused
    (HTTP 400, past about 8 kB), and so nothing was purged. They go in requests of a few kilobytes each."""
    story = ArticleFactory(published=True, headline="Harbour dredging finished")
    path = story.get_absolute_url()
    stack.warm(path)
    frontcache.send([*(f"story-{pk}" for pk in range(10**6, 10**6 + 3000)), f"story-{story.pk}"], hard=True)
    wait_for(lambda: purges.sent >= purges.queued, 10, "the purges")
    assert stack.get(path).cache != "HIT"


def test_readers_share_one_copy_whatever_their_tracking_codes_and_purges_answer(stack):
    """Tracking codes and the host's spelling make no new copy; static files are kept; PURGE by tag."""
    story = ArticleFactory(published=True, section=SectionFactory(slug="sport", name="Sport"), headline="Cup final tonight")
    article = story.get_absolute_url()
    first = stack.warm(article)
    tracked = stack.get(f"{article}?utm_source=newsletter&fbclid=abc")
    assert tracked.cache == "HIT" and tracked.object_id == first.object_id, tracked.cache
    # A development host the app serves: its own copy, shared by every spelling of the name.
    own = [stack.get(article, headers={"Host": host}) for host in (f"localhost:{stack.port}", f"LocalHost:{stack.port}")]
    assert own[0].cache == "MISS" and own[1].cache == "HIT", [r.cache for r in own]
    # What browsers get: the app's Cache-Control as it was sent, and no cache tags.
    assert "max-age=0" in first.headers["Cache-Control"] and "must-revalidate" in first.headers["Cache-Control"]
    assert not {"xkey", "surrogate-key", "cache-tag"} & {name.lower() for name in first.headers}

    # Hashed static files are the one thing kept without s-maxage: their names change with their content.
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', first.body).group(1)
    assert "immutable" in stack.get(stylesheet).headers["Cache-Control"]
    assert stack.get(stylesheet).cache == "HIT"

    assert stack.get("/", method="PURGE").status == 405, "a PURGE without tags"
    purged = stack.get("/", method="PURGE", headers={"xkey-purge": f"story-{story.pk}"})
    assert purged.status == 200 and re.fullmatch(r"Purged [1-9]\d*", purged.body.strip()), purged.body
    assert stack.get(article).cache == "MISS"


def test_an_alert_reaches_the_pages_varnish_keeps_within_a_second_and_leaves_when_ended(stack):
    """A new alert purges every page with the banner (`alerts`), softly; an ended one hard."""
    from tests.factories import AlertFactory

    story = ArticleFactory(published=True, headline="Quake shakes the coast")
    pages = ("/", story.get_absolute_url())
    for path in pages:
        assert 'aria-label="Breaking news"' not in stack.warm(path).body
    alert = AlertFactory(article=story, headline="Strong earthquake hits the coast")
    wait_for(lambda: all("Strong earthquake hits the coast" in stack.get(path).body for path in pages), 1,
             "the alert's banner on every page")
    for path in pages:
        assert "Strong earthquake hits the coast" in stack.warm(path).body
    alert.expires_at = timezone.now()
    alert.save()
    wait_for(lambda: all('aria-label="Breaking news"' not in stack.get(path).body for path in pages), 1,
             "the ended alert's banner gone from every page")


@pytest.mark.parametrize(("header", "value"), [
    ("X-Forwarded-Ssl", "on"), ("X-Forwarded-Protocol", "ssl"), ("X-Forwarded-Proto", "https"), ("SCRIPT_NAME", "/forged"),
])
def test_a_readers_own_forwarding_header_does_not_make_the_copy_every_reader_gets(stack, header, value):
    """Varnish passes a reader's headers to gunicorn on loopback: only Django, and only under TRUSTED_PROXY,
    may read a scheme from them. Otherwise one forged request would put https links in the shared copy."""
    story = ArticleFactory(published=True, headline="Tram line opens")
    forged = stack.get(story.get_absolute_url(), headers={header: value})
    plain = stack.get(story.get_absolute_url())
    for response in (forged, plain):
        assert f'<link rel="canonical" href="http://127.0.0.1:{stack.port}/story/' in response.body, response.body[:2000]


def test_a_readers_own_forwarded_host_and_scheme_never_pass_varnish(stack):
    """Only VARNISH_FORWARDERS (a TLS-terminating balancer; by default nobody) may say a request's scheme and
    host: anyone else's X-Forwarded-Host and -Proto are dropped, and the request gets the plain copy."""
    story = ArticleFactory(published=True, headline="Bridge reopens")
    plain = stack.warm(story.get_absolute_url())
    forged = stack.get(story.get_absolute_url(), headers={"X-Forwarded-Host": "mirror.example", "X-Forwarded-Proto": "https"})
    assert forged.cache == "HIT" and forged.object_id == plain.object_id


def test_behind_a_balancer_its_scheme_and_host_reach_the_app_and_key_the_copies(app_env, static_root):
    """With the balancer among VARNISH_FORWARDERS and TRUSTED_PROXY set, the app builds its links from the
    scheme the balancer says, Varnish keys its copies by it (a page made for https never answers http), and a
    request from any other address still cannot say it."""
    story = ArticleFactory(published=True, headline="Bridge reopens")
    https = {"X-Forwarded-Proto": "https"}
    with started({**app_env, "TRUSTED_PROXY": "1"}, static_root, {"VARNISH_FORWARDERS": "127.0.0.1"}) as behind:
        plain = behind.warm(story.get_absolute_url())
        secure = behind.get(story.get_absolute_url(), headers=https)
        assert secure.cache == "MISS" and secure.object_id != plain.object_id
        assert '<link rel="canonical" href="https://127.0.0.1:' in secure.body
        assert '<link rel="canonical" href="http://127.0.0.1:' in plain.body
        other = behind.get(story.get_absolute_url(), headers=https, source="127.0.0.2")  # not the balancer
        assert other.object_id == plain.object_id and '<link rel="canonical" href="http://127.0.0.1:' in other.body


class MadeStack(Stack):
    """`make serve-varnish`, as a newcomer starts it: make's own migrate, collectstatic, gunicorn and Varnish."""

    starts_within = 90  # make serve migrates and collects the static files first

    def __init__(self, env, static_root):
        if subprocess.run(["make", "-q", "install"], cwd=ROOT, capture_output=True).returncode:
            skip_or_fail("the virtualenv is older than requirements*.txt (make install): make serve would reinstall it",
                         "REQUIRE_VARNISH")
        app_port, varnish_port = free_ports(PORTS, 2)
        self.app, self.port = f"http://127.0.0.1:{app_port}", varnish_port
        self.base = f"http://127.0.0.1:{varnish_port}"
        self.workdir = f"/tmp/newsroom-varnish-test-{uuid.uuid4().hex[:8]}"
        self.logs = {}
        self.processes = [subprocess.Popen(
            ["make", "--no-print-directory", "serve-varnish", f"VARNISH_PORT={varnish_port}"], cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{app_port}", "VARNISH_WORKDIR": self.workdir,
                 "VARNISH_MEMORY": "64m", "STATIC_ROOT": str(static_root)},
            stdout=subprocess.DEVNULL, stderr=self.log("make serve-varnish"), start_new_session=True,
        )]

    def stop(self):
        """make, run-varnish, gunicorn and varnishd are one session: all of them stop, or are killed."""
        make = self.processes[0]
        for signal_number in (signal.SIGTERM, signal.SIGKILL):
            with suppress(ProcessLookupError):
                os.killpg(make.pid, signal_number)
            try:
                make.wait(timeout=30)
                break
            except subprocess.TimeoutExpired:
                continue
        super().stop()


def failed_logins_then_a_colleagues_login(stack, colleague, limit) -> int:
    """Someone at 127.0.0.2 fails to log in `limit` times; return the status of a colleague's login with the right
    password from 127.0.0.3: 302 to the desk, or 429 if the first one's failures locked the colleague out."""
    def attempt(username, password, source) -> int:
        page = stack.get("/admin/login/", source=source)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
        cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"]).group(1)
        form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        return stack.get("/admin/login/", method="POST", source=source, body=form, headers={
            "Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"}).status
    someone = f"someone-{uuid.uuid4().hex[:6]}"  # no lockout of a run before
    assert [attempt(someone, "not-the-password", "127.0.0.2") for _ in range(limit)] == [200] * (limit - 1) + [429]
    return attempt(colleague.username, PASSWORD, "127.0.0.3")


def test_through_make_serve_varnish_one_persons_failed_logins_do_not_lock_out_the_desk(app_env, static_root, desk_editor):
    """Every request reaches gunicorn from Varnish's address: `make serve-varnish` sets TRUSTED_PROXY=1 (gunicorn on
    loopback), so the lockout counts the reader's address that Varnish appends to X-Forwarded-For, not Varnish's."""
    env = {key: value for key, value in app_env.items() if key != "TRUSTED_PROXY"}
    with started({**env, "AXES_FAILURE_LIMIT": "2"}, static_root, stack_class=MadeStack) as made:
        assert failed_logins_then_a_colleagues_login(made, desk_editor, 2) == 302  # 429 without it: Varnish's address


def test_only_the_purgers_run_varnish_is_given_may_purge(stack, app_env, static_root):
    """VARNISH_PURGERS (default 127.0.0.1 and ::1) becomes the VCL's `acl purgers`: the app servers on other
    hosts may purge, any other address gets 403. 127.0.0.2 stands in for another host (all 127/8 is loopback)."""
    purge = {"method": "PURGE", "headers": {"xkey-purge": "no-such-tag"}}
    assert stack.get("/", **purge).status == 200
    assert stack.get("/", source="127.0.0.2", **purge).status == 403
    with started(app_env, static_root, {"VARNISH_PURGERS": "10.0.0.0/8, 127.0.0.2"}) as other:
        assert other.get("/", source="127.0.0.2", **purge).status == 200
        assert other.get("/", **purge).status == 403


def test_run_varnish_refuses_a_purger_that_is_not_an_address():
    """Nothing but an address or a CIDR gets into the VCL, whatever the environment holds."""
    injected = '127.0.0.1"; } sub vcl_recv { return (synth(200)); } acl other { "127.0.0.1'
    result = subprocess.run(["bash", str(RUN_VARNISH)], cwd=ROOT, capture_output=True, text=True, timeout=30,
                            env={**os.environ, "VARNISH_PURGERS": injected, "VARNISHD": "/bin/true"})
    assert result.returncode == 1 and "VARNISH_PURGERS takes addresses" in result.stderr, result.stderr


def test_varnishs_health_probe_is_answered_by_an_app_in_production_configuration(app_env, static_root):
    """HTTPS on and only localhost among DEV_HOSTS, as in the README's recipe: the probe is not redirected or
    refused, so Varnish knows the app is up and serves no stale copy past stale-while-revalidate."""
    production = {**app_env, "HTTPS": "1", "TRUSTED_PROXY": "1", "DEV_HOSTS": "localhost"}
    with started(production, static_root) as other:
        def probe(line):
            answer = subprocess.run(["varnishadm", "-n", f"{other.workdir}/varnishd", "backend.list", "-p", "*.app_health"],
                                    check=True, capture_output=True, text=True, timeout=10).stdout
            row = next((row for row in answer.splitlines() if row.endswith(line)), "")  # none before the first probe
            return row.split()[0] if row else ""
        wait_for(lambda: "R" in probe(" Good Recv"), 10, "Varnish's first probe")  # one each 5 s, the first at once
        assert probe(" Happy").endswith("H"), "the app did not answer Varnish's probe with 200"


# The login lockout's address behind a balancer and Varnish (TRUSTED_PROXY=2).
LOCKOUT_BALANCER, LOCKOUT_STRANGER, LOCKOUT_COLLEAGUE = "127.0.0.1", "127.0.0.2", "192.0.2.77"


def attempt(stack, username, password, source, forwarded_for):
    page = stack.get("/admin/login/", source=source, headers={"X-Forwarded-For": forwarded_for})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"]).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    return stack.get("/admin/login/", method="POST", source=source, body=form, headers={
        "Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": forwarded_for}).status


def test_a_stranger_cannot_aim_the_address_lockout_at_a_colleague_through_varnish(app_env, static_root, desk_editor):
    """Someone who reaches Varnish without passing the balancer (not among VARNISH_FORWARDERS) writes
    `X-Forwarded-For: <victim>` and fails logins: they count against the stranger's own address, not the victim's,
    whom the VCL would otherwise let them lock out at will (found in a review; TRUSTED_PROXY=2 reads the second entry
    from the right, which was the one the stranger wrote)."""
    env = {**app_env, "TRUSTED_PROXY": "2", "AXES_FAILURE_LIMIT": "2"}
    with started(env, static_root, {"VARNISH_FORWARDERS": LOCKOUT_BALANCER}) as stack:
        someone = f"someone-{uuid.uuid4().hex[:6]}"
        assert [attempt(stack, someone, "wrong", LOCKOUT_STRANGER, LOCKOUT_COLLEAGUE) for _ in range(2)] == [200, 429]
        # The editor logs in through the balancer, which appends their real address.
        assert attempt(stack, desk_editor.username, PASSWORD, LOCKOUT_BALANCER, LOCKOUT_COLLEAGUE) == 302
