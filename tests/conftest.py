import atexit
import os

import pytest
from django.core.cache import cache

from domains.cache import invalidate as invalidate_domain_cache
from serving import frontcache, pagecache
from serving.purges import pending
from tests.factories import UserFactory
from tests.helpers import COLLEAGUES, NOON
from tests.pseudo_translation import activate_pseudo_translation, restore_translation
from tests.shared_redis import REDIS_URL, forget_keys, new_prefix, redis_answers, redis_cache_settings


@pytest.fixture(scope="session", autouse=True)
def no_purges_at_exit():
    """The suite's front caches (stand-ins, Varnish) are gone when it exits: its last purges stay unsent, quietly
    (serving/frontcache.py sends them at exit; tests/serving/test_purges_at_exit.py shows it)."""
    atexit.unregister(frontcache.sender.drain)
    yield
    with frontcache.sender.lock:  # a retry still waiting would log after pytest (an xdist worker) closed its output
        for _purge, timer in frontcache.sender.retries.values():
            timer.cancel()
        frontcache.sender.retries.clear()


@pytest.fixture(autouse=True)
def no_purge_repeats(settings):
    """A hard purge is sent again later (FRONT_CACHE_REPEATS, serving/frontcache.py): in the suite that later send
    would reach the next test's front cache. The tests of the repeats ask for them."""
    settings.FRONT_CACHE_REPEATS = []


@pytest.fixture(autouse=True)
def colleagues_done():
    """A colleague's request (tests/helpers.py, in_thread) ends with its test, even one that failed before joining
    it: left running, its connection met the database's flush after the test (PostgreSQL's "deadlock detected",
    "couldn't be flushed") and the next tests. Torn down before pytest-django's flush (set up after it)."""
    yield
    try:
        for thread in COLLEAGUES:
            thread.join(30)
        assert not any(thread.is_alive() for thread in COLLEAGUES), "a colleague's request still runs 30 s after its test"
    finally:
        COLLEAGUES.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: the database rolls back between tests, the cache does not.
    Nor do tags purged in a transaction that rolled back (serving/purges.py): they would go out with the next,
    nor this process's copies of pages (serving/pagecache.py), which would outlive a cleared cache."""
    cache.clear()
    pending.__init__()
    pagecache.local.clear()
    yield
    cache.clear()
    pagecache.local.clear()


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Serve static URLs unhashed: the suite does not run collectstatic before every test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise indexes STATIC_ROOT for every test client: thousands of files once `make serve` or
    # `make bench` has collected them. Tests serve no collected files.
    settings.STATIC_ROOT = settings.BASE_DIR / "test-artifacts" / "no-collected-static"


@pytest.fixture(autouse=True)
def temporary_media_root(settings, tmp_path):
    """Uploads and renditions go to a directory of the test's own, never the repository's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hash the factories' passwords quickly; production keeps Django's default hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_domain_cache():
    """Start each test without a cached domain list: the rows it came from were rolled back."""
    invalidate_domain_cache()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the changes inside register for their commit (purges, serving/purges.py)
    when the block ends, as the commit would: a test's own transaction never commits. What the test made
    before the block counts as committed long ago: its purges are dropped."""
    def block():
        pending.__init__()
        return django_capture_on_commit_callbacks(execute=True)
    return block


@pytest.fixture
def sent(monkeypatch):
    """The purges handed to the front caches: [(tags, hard)]."""
    batches = []
    monkeypatch.setattr(frontcache, "send", lambda purged, *, hard: batches.append((set(purged), hard)))
    return batches


@pytest.fixture
def clock(time_machine):
    """`clock(moment)` stops the clock at `moment`; it starts stopped at NOON."""
    def move_to(moment):
        time_machine.move_to(moment, tick=False)
    move_to(NOON)
    return move_to


@pytest.fixture
def cache_down(settings):
    """The shared cache is configured but nothing answers: Redis on a port where no server listens."""
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2},
    }}


@pytest.fixture
def redis_cache(settings):
    """The shared cache on a real Redis, the production backend, under this test's own key prefix.

    Skipped when Redis does not answer, unless REQUIRE_REDIS is set: .ci/run starts Redis and sets it.
    """
    if not redis_answers():
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(f"REQUIRE_REDIS is set and Redis does not answer at {REDIS_URL}")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    prefix = new_prefix()
    settings.CACHES = redis_cache_settings(prefix)
    yield
    forget_keys(prefix)


@pytest.fixture(params=["memory", "redis"])
def each_cache_backend(request):
    """Run a test on the local-memory cache (a single process, no REDIS_URL) and on Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param


@pytest.fixture
def journalist(db):
    return UserFactory(username="jo-journalist", role="Journalist")


@pytest.fixture
def other_journalist(db):
    return UserFactory(username="al-journalist", role="Journalist")


@pytest.fixture
def editor(db):
    return UserFactory(username="ed-editor", role="Editor")


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def warm_domains(db, settings):
    """Load the domain list into the caches, so query counts measure the page, not the first host lookup; and
    keep this process's copy for the test's length, which on a loaded machine may outlast DOMAIN_CACHE_SECONDS."""
    from domains.cache import domain_table

    settings.DOMAIN_CACHE_SECONDS = 3600
    domain_table()


@pytest.fixture
def mirror_domain(db):
    """A primary domain, newsroom.example, and one active mirror, mirror.example."""
    from tests.factories import DomainFactory

    DomainFactory(hostname="newsroom.example", is_primary=True, position=0)
    return DomainFactory(hostname="mirror.example", position=1)


@pytest.fixture
def pseudo_translated():
    """Every string marked for translation comes out as "⟦…⟧" (tests/pseudo_translation.py), as a page would in
    another language: words left unwrapped are English whatever LANGUAGE_CODE says."""
    previous = activate_pseudo_translation()
    yield
    restore_translation(previous)
