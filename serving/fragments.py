"""Parts of a reader page kept across page-cache generations while what they show is unchanged.

The page cache drops every page on any change (`serving.invalidation`): simple, and never stale. But on
a busy desk that is a save every few seconds, and each save makes every story a reader opens render
from scratch. Most of a story page did not change: its own text, photos and credits change only when
the story, or something it shows (a photo, a section, a byline…), is saved. So the slow parts of a
page are kept here, each with a *stamp* saying what it was built from, and used only while the stamp
the page computes now is the same:

- `Scope.PAGES`: the page generation, and no later than the next scheduled change (like a page). For
  whatever depends on which stories are public: the visibility gate's answer, related stories.
- `Scope.PARTS`: the *parts generation*, plus the stamp the caller gives. For a story's own text and
  photos the stamp is its own counter (`STORY_STAMP_KEY`) and the domain list's. A change to the story
  or to what belongs to it alone (its taggings, bylines, body photos, corrections) bumps its counter;
  anything else that a part can show (a photo's credit, a section, a domain) bumps the parts generation
  (serving/invalidation.py). So a new story, with its tags and photos, rebuilds no other story's parts.

Every stamp is read before what it guards: the generations, and the counters a view declares (its
`page_cache_parts`), by the page cache's lookup, before the view runs; a counter read later, before
the story is read. Parts that show the domain list (the footer,
a story's canonical links and site name) also carry the generation of the domain list the worker
built them from, so a worker whose copy is a few seconds old (DOMAIN_CACHE_SECONDS) cannot keep its
parts as current. No part lives longer than PAGE_CACHE_SECONDS. Parts are used only while the page cache is rendering
a page for anonymous readers (it hands this request its lookup); staff, previews, and a site with the
page cache off build every part afresh. Parts are keyed by scheme and canonical host, like pages, so
an absolute link in one is never served on another domain.

When the page cache's lookup expects the page to render (its last lookup in this worker missed), it
reads the site's parts, and those the view declares, in the same round trip as the page's own entry
(serving/pagecache.py): a page rendered from current parts then reads nothing more. Otherwise they are
read here, in one more round trip.
"""
import enum
import logging
import math
import time

from django.conf import settings

from .invalidation import CACHE_ERRORS, STORY_STAMP_SECONDS, current_generation

logger = logging.getLogger(__name__)


class Scope(enum.Enum):
    PAGES = "pages"
    PARTS = "parts"


# Bump the "v1" when a part's value changes shape, so a deploy never reads an older server's parts.
PART_KEY_PREFIX = "pagecache:part:v1:"

# Parts on every reader page (the section menu and the footer: articles.context_processors), read with the
# page's own.
SITE_PARTS = ("nav", "footer")


def part_keys(site: str, names=(), stamps=()) -> list[str]:
    """The cache keys of the counters in `stamps`, the site's parts and the parts `names`, on `site`
    (scheme and canonical host)."""
    return [*stamps, *(f"{PART_KEY_PREFIX}{site}:{name}" for name in (*SITE_PARTS, *names))]


def page_parts(request, names=(), stamps=()) -> "Fragments":
    """Return this request's parts; the first call reads `names`, the site's parts and the counters in
    `stamps` (e.g. a story's STORY_STAMP_KEY) in one round trip, unless the page cache's lookup has
    read them already (a view's `page_cache_parts`). A part not named there is always built."""
    parts = getattr(request, "page_parts", None)
    if parts is None:
        parts = request.page_parts = Fragments(request, names, stamps)
    return parts


class Fragments:
    """One request's parts: all read from the shared cache in one round trip, each built on a miss."""

    def __init__(self, request, names, stamps=()):
        self.lookup = getattr(request, "page_cache_lookup", None)  # set by PageCacheMiddleware
        self.stale = getattr(request, "bench_stale_parts", ())  # `make bench` only (pagecache.BENCH_STALE_PARTS)
        self.stamps = {}
        if self.lookup is None:
            return
        self.prefix = f"{PART_KEY_PREFIX}{self.lookup.site}:"
        self.cache = self.lookup.cache
        unread = [key for key in part_keys(self.lookup.site, names, stamps) if key not in self.lookup.prefetched.keys]
        try:
            # What the lookup did not read with the page (it expected a hit, or the view declared none).
            self.read_now = self.cache.get_many(unread) if unread else {}
            self.stamps = {
                key: self.read(key) or current_generation(self.cache, key=key, timeout=STORY_STAMP_SECONDS)
                for key in stamps
            }
        except CACHE_ERRORS:
            logger.warning("Page parts unavailable; building them afresh.", exc_info=True)
            self.lookup = None

    def read(self, key: str):
        return self.read_now[key] if key in self.read_now else self.lookup.prefetched.get(key)

    def stamp(self, key: str) -> int | None:
        """The counter `key` as read with the parts (None when parts are not cached for this request)."""
        return self.stamps.get(key)

    def get_stamped(self, counters: dict[str, str], build_many) -> dict[str, object]:
        """Return several parts, each stamped with its own counter: {name: value} for `counters`, a map
        of each part's name to the key of the counter that stamps it (e.g. a story's STORY_STAMP_KEY).

        For parts a view names only after reading the database (the cards of a listing's stories): they
        and their counters are read in one round trip, and those not current are built by one call,
        `build_many(names)` -> {name: value}, and stored in one more. A name it leaves out (its story
        went since the view read the ids) is left out of the result too. Scope.PARTS: the parts
        generation stamps them too.
        """
        if self.lookup is None:
            return build_many(list(counters))
        keys = [self.prefix + name for name in counters]
        try:
            found = self.cache.get_many([*keys, *set(counters.values())])
            stamps = {
                key: found.get(key) or current_generation(self.cache, key=key, timeout=STORY_STAMP_SECONDS)
                for key in set(counters.values())
            }
        except CACHE_ERRORS:
            logger.warning("Page parts unavailable; building them afresh.", exc_info=True)
            return build_many(list(counters))
        now = time.time()
        stamp_of = {name: self.parts_stamp((stamps[counter],)) for name, counter in counters.items()}
        values, missing = {}, []
        for name, key in zip(counters, keys):
            entry = found.get(key)
            if self.is_current(entry, stamp_of[name], Scope.PARTS, now):
                values[name] = entry[2]
            else:
                missing.append(name)
        if missing:
            built = build_many(missing)
            valid_until = now + settings.PAGE_CACHE_SECONDS
            entries = {self.prefix + name: (stamp_of[name], valid_until, built[name]) for name in missing if name in built}
            try:
                self.cache.set_many(entries, timeout=math.ceil(valid_until - now))
            except CACHE_ERRORS:
                logger.warning("Could not store page parts.", exc_info=True)
            values.update(built)
        return values

    def parts_stamp(self, stamp: tuple) -> tuple:
        # The parts generation was read by the page cache's lookup, before the view read anything a part shows.
        return (*stamp, "parts", self.lookup.parts_generation)

    def is_current(self, entry, stamp: tuple, scope: Scope, now: float) -> bool:
        """Whether a part read from the cache may be used: built under `stamp`, not expired, and not
        one `make bench` asked to rebuild."""
        return entry is not None and entry[0] == stamp and now < entry[1] and scope.value not in self.stale

    def get(self, name: str, build, *, scope: Scope, stamp: tuple = ()):
        """Return the part `name`: from the cache while its stamp holds, else `build()`, stored."""
        if self.lookup is None:
            return build()
        now = time.time()
        if scope is Scope.PAGES:
            stamp = (*stamp, "pages", self.lookup.generation)
            valid_until = min(now + settings.PAGE_CACHE_SECONDS, self.lookup.change_at)
        else:
            stamp = self.parts_stamp(stamp)
            valid_until = now + settings.PAGE_CACHE_SECONDS
        entry = self.read(self.prefix + name)
        if self.is_current(entry, stamp, scope, now):
            return entry[2]
        value = build()
        if valid_until > now:
            try:
                self.cache.set(self.prefix + name, (stamp, valid_until, value), timeout=math.ceil(valid_until - now))
            except CACHE_ERRORS:
                logger.warning("Could not store a page part.", exc_info=True)
        return value
