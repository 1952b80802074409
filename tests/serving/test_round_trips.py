"""What a reader page costs the shared cache, on Redis: one read for a hit, which carries no page part,
and one read for a miss of a page that keeps missing, whose current parts come with its entry (decoded
only when used). The first miss after hits reads its parts once more."""
import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from serving import pagecache
from serving.cache import LazyValues, get_many_lazily
from serving.invalidation import shared_cache
from serving.pagecache import (
    READER_PAGES_REMEMBERED, STATUS_HEADER, Lookup, RecentMisses, reader_page, resolve_reader_page,
)
from tests.factories import ArticleFactory, SectionFactory
from tests.shared_redis import REDIS_URL

pytestmark = pytest.mark.django_db

# A miss: the lookup (page, generations, schedule, and the parts when the page missed last time: one MGET),
# the render claim (SET NX), the page stored (SET), the claim released (GET, DEL). No other read.
MISS_COMMANDS = ["MGET", "SET", "SET", "GET", "DEL"]
# The first miss after hits: its lookup did not expect to render, so the parts are read after the claim.
FIRST_MISS_COMMANDS = ["MGET", "SET", "MGET", "SET", "GET", "DEL"]


def with_cards_read(commands):
    """The front page also reads its stories' cards and counters (articles/cards.py) once it knows which
    stories it lists: one more MGET before the page is stored, and nothing stored when all are current."""
    return [*commands[:-3], "MGET", *commands[-3:]]


@pytest.fixture
def story(db):
    section = SectionFactory(slug="politics", name="Politics")
    return ArticleFactory(published=True, section=section, headline="Talks resume", tags=["Syria"])


@pytest.fixture
def commands(redis_cache, monkeypatch):
    """The Redis commands this process sends, by name (recorded on their way to the real server)."""
    sent = []
    send = redis.Redis.execute_command

    def recording(client, *args, **options):
        sent.append(str(args[0]).upper())
        return send(client, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", recording)
    return sent


@pytest.fixture
def decoded(redis_cache, monkeypatch):
    """How many values this process decodes from Redis."""
    count = [0]
    serializer = shared_cache()._cache._serializer
    loads = serializer.loads

    def counting(data):
        count[0] += 1
        return loads(data)

    monkeypatch.setattr(serializer, "loads", counting)
    return count


def forget_page_entries():
    """Drop every stored page, as their expiry would, and keep the parts."""
    client = redis.Redis.from_url(REDIS_URL)
    prefix = django_settings.CACHES["default"]["KEY_PREFIX"]
    for key in client.scan_iter(match=f"{prefix}:*:pagecache:page:*"):
        client.delete(key)


@pytest.mark.parametrize("page", ["story", "home"])
def test_a_page_that_keeps_missing_reads_the_cache_once_a_miss(client, story, commands, page):
    url = story.get_absolute_url() if page == "story" else "/"
    first = client.get(url)
    assert client.get(url)[STATUS_HEADER] == "hit"
    sent = []
    for _ in range(2):
        forget_page_entries()
        commands.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response[STATUS_HEADER] == "miss"
        assert response.content == first.content
        sent.append(list(commands))
        if page == "story":
            assert len(queries) == 0  # the gate, the story and related stories all came from current parts
        else:
            # The section tree and the stories' ids: every card came from current parts, no row was read.
            assert len(queries) == 3, [query["sql"] for query in queries]
    expected = (lambda commands: commands) if page == "story" else with_cards_read
    assert sent == [expected(FIRST_MISS_COMMANDS), expected(MISS_COMMANDS)]
    assert client.get(url)[STATUS_HEADER] == "hit"
    forget_page_entries()
    commands.clear()
    client.get(url)
    assert commands == expected(FIRST_MISS_COMMANDS)  # served from the cache in between: no parts expected again


def test_a_hit_reads_once_and_decodes_none_of_the_parts_it_read(client, story, commands, decoded):
    url = story.get_absolute_url()
    client.get(url)
    commands.clear()
    decoded[0] = 0
    assert client.get(url)[STATUS_HEADER] == "hit"
    assert commands == ["MGET"]
    assert decoded[0] == 4  # the two generations, the schedule and the page: no part, no story counter


def test_what_a_lookup_reads_follows_the_pages_last_lookup(client, story, each_cache_backend):
    url = story.get_absolute_url()

    def parts_read():
        request = RequestFactory().get(url)
        lookup = Lookup(request, reader_page(request))
        return {key for key in lookup.prefetched.keys if ":part:" in key or key.startswith("pagecache:story:")}

    client.get(url)  # a miss
    assert len(parts_read()) == 6  # the story's counter, the menu, the footer, the gate, the story, related
    client.get(url)  # a hit
    assert parts_read() == set()


def test_the_pages_remembered_as_missed_are_bounded():
    misses = RecentMisses(3)
    for page in "abcd":
        misses.missed(page)
    misses.missed("b")  # missed again: the most recent now
    misses.missed("e")
    assert [page for page in "abcde" if page in misses] == ["b", "d", "e"]
    misses.served("d")
    assert "d" not in misses


def test_lazily_read_values_are_the_values_stored(redis_cache):
    cache = shared_cache()
    cache.set("a", {"headline": "Talks resume"})
    cache.set("n", 7)
    found = get_many_lazily(cache, ["a", "n", "missing"])
    assert found.keys == {"a", "n", "missing"}  # what was read, found or not
    assert (found.get("a"), found.get("n"), found.get("missing", "-")) == ({"headline": "Talks resume"}, 7, "-")


def test_other_backends_read_all_values_at_once():
    found = LazyValues(["a", "b"], {"a": 1})
    assert (found.keys, found.get("a"), found.get("b")) == ({"a", "b"}, 1, None)


def test_the_local_memory_cache_reads_every_key_in_one_call():
    cache = shared_cache()  # the tests' default: local memory
    cache.set_many({f"k{number}": number for number in range(12)})
    found = get_many_lazily(cache, [f"k{number}" for number in range(13)])
    assert [found.get(f"k{number}") for number in range(13)] == [*range(12), None]


def test_reader_pages_are_resolved_on_the_path_inside_the_site_and_the_request_urlconf(settings):
    settings.PAGE_CACHE_NAMESPACES = ["articles", "probe"]
    under_prefix = RequestFactory().get("/story/1/a/", SCRIPT_NAME="/news")  # the site mounted at /news
    assert under_prefix.path == "/news/story/1/a/"
    assert pagecache.reader_page(under_prefix) is not None
    probe = RequestFactory().get("/reader/plain/")
    assert pagecache.reader_page(probe) is None  # not in the project's URLconf…
    probe.urlconf = "tests.serving.urls"  # …but in the one a middleware chose for this request
    assert pagecache.reader_page(probe) is not None


def test_made_up_paths_cannot_grow_the_remembered_reader_pages(client):
    for number in range(READER_PAGES_REMEMBERED + 50):
        client.get(f"/no-such-page-{number}/")
    assert resolve_reader_page.cache_info().currsize <= READER_PAGES_REMEMBERED


def test_a_changed_setting_is_seen_at_once_by_the_remembered_reader_pages(client, settings, story):
    url = story.get_absolute_url()
    assert client.get(url)[STATUS_HEADER] == "miss"
    settings.PAGE_CACHE_NAMESPACES = []
    assert STATUS_HEADER not in client.get(url)
    assert pagecache.reader_page(client.get(url).wsgi_request) is None
