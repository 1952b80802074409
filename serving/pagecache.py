"""The readers' page cache: rendered public pages in the shared cache, never stale, never early.

Rules (README, "Caching and production serving"):
- Only anonymous GET/HEAD requests for reader pages are served from it or stored in it. Reader pages
  are the views in `PAGE_CACHE_NAMESPACES` or marked with `@page_cache` (a view, a view class or a
  feed can opt out with `@no_page_cache` / `page_cache = False`).
- A request carrying a session cookie (staff, previews) bypasses it both ways and gets a private
  response. Responses that set a cookie, vary on a cookie the request has, or say private /
  no-cache / no-store (drafts, previews) are never stored.
- The key is scheme, canonical host, path and the normalised query under the current content
  generation (`serving.invalidation`). The query keeps only the parameters the view reads (its
  `page_cache_query`, e.g. `page`), sorted: `?x=<random>` cannot make every request a miss.
- Misses are coalesced: while one request renders a page, the others asking for it wait for its
  entry (up to `PAGE_CACHE_RENDER_WAIT` seconds) instead of rendering it again.
- No entry outlives the next scheduled publication or expiry (`serving.schedule`), and readers'
  Cache-Control uses the same cap, so browsers and CDNs cannot keep a page past it either.
"""
import collections
import functools
import hashlib
import logging
import math
import threading
import time
import uuid
from typing import NamedTuple

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_resolver
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag

from .cache import LazyValues, get_many_lazily
from .fragments import part_keys
from .invalidation import CACHE_ERRORS, GENERATION_KEY, PARTS_GENERATION_KEY, current_generation, shared_cache
from .schedule import next_scheduled_change

logger = logging.getLogger(__name__)

STATUS_HEADER = "X-Page-Cache"  # hit, miss or bypass: for people and the bench, not for logic
CACHEABLE_STATUSES = frozenset({200, 301, 404})
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src",
})
# Headers recomputed on every hit, so they are not stored.
UNSTORED_HEADERS = frozenset({"cache-control", "expires", STATUS_HEADER.lower()})
VARY_WITHOUT_COOKIE = frozenset({"cookie", "accept-encoding"})
SCHEDULE_KEY = "pagecache:schedule"  # (generation, the next scheduled change as a timestamp)
NO_SCHEDULED_CHANGE_TTL = 3600  # recheck the schedule hourly even when nothing is scheduled
RENDER_POLL_SECONDS = 0.01  # how often a request waiting for another's render looks whether it is done
# `make bench` only (settings.BENCH), in an X-Bench-Cache header: any value bypasses the page cache; these
# also rebuild page parts, as the page's first render after a change would (serving/fragments.py).
BENCH_STALE_PARTS = {
    "story-saved": ("pages",),  # another story saved: the gate and related stories; the story's parts stay
    "nothing-cached": ("pages", "parts"),  # something every page shows changed (a section): every part
}
NOT_STORED = "not-stored"  # a render claim's value once its page turned out not shareable: don't wait
READER_PAGES_REMEMBERED = 512  # paths whose answer to "is this a reader page?" each process keeps
MISSES_REMEMBERED = 512  # pages whose last lookup missed, per process (Lookup: their parts are read with them)


def marked(view, **attributes):
    """Return `view` wrapped and marked for the page cache. Wraps instead of setting attributes on
    `view` itself, so a shared view such as contrib's sitemap stays untouched."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    for name, value in attributes.items():
        setattr(wrapper, name, value)
    return wrapper


def page_cache(view=None, *, query=None):
    """Mark a view as a reader page whose anonymous responses may be cached (feeds, sitemaps…).

    `query` names the query parameters the view reads; the page cache drops the others. Without
    it, a page_cache_query() inside still counts.
    """
    def mark(view):
        return marked(view, page_cache=True, **({} if query is None else {"page_cache_query": tuple(query)}))

    return mark if view is None else mark(view)


def page_cache_query(*names):
    """Name the query parameters a reader page reads (e.g. `page`); the page cache drops the others.

    Class-based views set the `page_cache_query` attribute instead. A reader page that names none
    sees no query at all, so `?anything=<random>` is the same cache entry as no query.
    """
    return lambda view: marked(view, page_cache_query=tuple(names))


def no_page_cache(view):
    """Keep a view inside a cached namespace out of the page cache."""
    return marked(view, page_cache=False)


def view_attribute(match, name):
    """Return `name` from the view function, else from its class (class-based views), else None."""
    for candidate in (match.func, getattr(match.func, "view_class", None)):
        value = getattr(candidate, name, None)
        if value is not None:
            return value
    return None


class ReaderPage(NamedTuple):
    """What the page cache needs to know of a reader page's view before running it."""

    query: frozenset[str]  # the query parameters the view reads
    parts: tuple[str, ...] = ()  # the page parts it shows besides the site's (serving/fragments.py)…
    stamps: tuple[str, ...] = ()  # …and the counters that stamp them (Lookup reads both when it expects a render)


def reader_page(request) -> ReaderPage | None:
    """Return what the page cache needs of the page if its anonymous responses may be shared, else None."""
    return resolve_reader_page(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info)


@functools.lru_cache(maxsize=READER_PAGES_REMEMBERED)
def resolve_reader_page(urlconf, path_info: str) -> ReaderPage | None:
    # Kept per process: the answer depends only on the URLconf and the path, and resolving a path again
    # costs a page served from the cache a tenth of its time. Bounded, so made-up paths cannot grow it.
    try:
        match = get_resolver(urlconf).resolve(path_info)
    except Resolver404:
        return None
    flag = view_attribute(match, "page_cache")
    if flag is None:
        flag = any(namespace in settings.PAGE_CACHE_NAMESPACES for namespace in match.namespaces)
    if not flag:
        return None
    query = frozenset(view_attribute(match, "page_cache_query") or ())
    # A view's `page_cache_parts(**url_kwargs) -> (part names, stamp keys)`: a static method or function,
    # called before the view exists, with the URL's captured values.
    declare_parts = view_attribute(match, "page_cache_parts")
    if declare_parts is None:
        return ReaderPage(query)
    names, stamps = declare_parts(**match.kwargs)
    return ReaderPage(query, tuple(names), tuple(stamps))


@receiver(setting_changed)
def forget_reader_pages(**kwargs):
    """Tests change the URLconf and PAGE_CACHE_NAMESPACES; a deployment changes them only by restarting."""
    resolve_reader_page.cache_clear()


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def normalise_query(request, reads: frozenset[str]) -> str:
    """Keep the parameters the view `reads`, sorted, and drop the rest: the view sees what the key says.

    So `?utm_source=x&page=2`, `?page=2&x=1` and `?page=2` are one cache entry, a page rendered for
    one never carries another reader's tracking codes in its links, and a made-up parameter cannot
    force a render on every request.
    """
    query = QueryDict(mutable=True)
    for name in sorted(name for name in request.GET if name in reads and not is_tracking_param(name)):
        query.setlist(name, request.GET.getlist(name))  # values keep their order: it can matter
    query._mutable = False
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()
    return request.META["QUERY_STRING"]


def canonical_host(request) -> str:
    """The host the page is for: the domain the host middleware found, else the request's host."""
    domain = getattr(request, "domain", None)  # set by the domains app's middleware, when installed
    host = (getattr(domain, "hostname", None) or request.get_host()).lower().rstrip(".")
    default_port = ":443" if request.is_secure() else ":80"
    return host.removesuffix(default_port)


def page_key_digest(request, site: str, reads: frozenset[str]) -> str:
    url = f"{site}{request.path}?{normalise_query(request, reads)}"
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def reader_cache_control(response, *, now: float, change_at: float) -> None:
    """Set readers' Cache-Control: short, and never past the next scheduled change."""
    remaining = max(0.0, change_at - now)
    max_age = int(min(settings.PAGE_CACHE_MAX_AGE, remaining))
    s_maxage = int(min(settings.PAGE_CACHE_S_MAXAGE, remaining))
    # A CDN may serve a stale copy while it refetches, but not past the cap either.
    stale = int(max(0.0, min(settings.PAGE_CACHE_STALE_WHILE_REVALIDATE, remaining - max(max_age, s_maxage))))
    response["Cache-Control"] = f"public, max-age={max_age}, s-maxage={s_maxage}, stale-while-revalidate={stale}"
    if "Expires" in response:
        del response["Expires"]


def is_storable(request, response) -> bool:
    if response.status_code not in CACHEABLE_STATUSES or response.streaming:
        return False
    if response.cookies:  # a CSRF token, a session: this response belongs to one visitor
        return False
    cache_control = {token.strip().lower() for token in response.get("Cache-Control", "").split(",")}
    if cache_control & {"private", "no-cache", "no-store", "max-age=0"}:  # previews, drafts
        return False
    vary = {token.strip().lower() for token in response.get("Vary", "").split(",") if token.strip()}
    if vary - VARY_WITHOUT_COOKIE or ("cookie" in vary and request.COOKIES):
        return False
    return True


class PageCacheMiddleware:
    """Serve reader pages from the shared cache. Place it right after the host check (domains)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.respond(request)
        if request.method == "HEAD" and not response.streaming:
            # Headers only, Content-Length kept: WSGI servers (gunicorn) warn about a HEAD body.
            response.content = b""
        return response

    def respond(self, request):
        page = reader_page(request) if request.method in ("GET", "HEAD") else None
        if page is None:
            return self.get_response(request)
        # Staff, and a site running without the cache, see the query exactly as anonymous readers do:
        # a view reading a parameter it does not name fails for everyone, not only in production.
        normalise_query(request, page.query)
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self.bypass(request)
        try:
            bench = self.bench_mode(request)
            # `make bench` bypasses the page cache as if the page's entry had expired: there is none to read.
            lookup = Lookup(request, page, read_page=bench is None)
            if bench is None:
                response = lookup.response if lookup.response is not None else lookup.claim_or_wait(request)
                if response is not None:
                    recent_misses.served(lookup.page_key)
                    return response
                recent_misses.missed(lookup.page_key)
        except CACHE_ERRORS:
            # A cache outage slows the site down; it must not take it down.
            logger.warning("Page cache unavailable; serving uncached.", exc_info=True)
            return self.get_response(request)
        stored = False
        request.page_cache_lookup = lookup  # page parts (serving/fragments.py) use its generation and schedule
        if bench is not None:
            request.bench_stale_parts = BENCH_STALE_PARTS.get(bench, ())
        try:
            response = self.get_response(request)
            if is_storable(request, response):
                stored = lookup.store(response)
        finally:
            lookup.release(stored)
        return response

    def bypass(self, request):
        """Staff and previews: always fresh, and kept out of shared caches (a CDN) downstream."""
        response = self.get_response(request)
        if "Cache-Control" in response:
            patch_cache_control(response, private=True)
        else:
            add_never_cache_headers(response)
        response[STATUS_HEADER] = "bypass"
        return response

    @staticmethod
    def bench_mode(request) -> str | None:
        # `make bench` measures uncached pages with this header; it means nothing in production.
        return request.headers.get("X-Bench-Cache") if settings.BENCH else None


class RecentMisses:
    """The pages whose last lookup in this process missed, the most recent MISSES_REMEMBERED of them.

    Only a guess at what the next lookup of a page will need: it decides what is read, never what is
    served, so a wrong guess costs one round trip and nothing else.
    """

    def __init__(self, size: int):
        self.size, self.pages, self.lock = size, collections.OrderedDict(), threading.Lock()

    def __contains__(self, page_key: str) -> bool:
        return page_key in self.pages

    def missed(self, page_key: str) -> None:
        with self.lock:
            self.pages[page_key] = True
            self.pages.move_to_end(page_key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def served(self, page_key: str) -> None:
        with self.lock:
            self.pages.pop(page_key, None)


recent_misses = RecentMisses(MISSES_REMEMBERED)


class Lookup:
    """One request's view of the cache: the generation, the next scheduled change, the page's entry.

    All three come back in one round trip, with the parts generation. When this request is expected to
    render (`make bench`'s uncached rows, or a page whose last lookup in this process missed: one that
    keeps changing or expiring), the page's parts come with them too (serving/fragments.py): the site's
    parts, and those the view declares with their stamps; a miss then renders with no further read.
    Otherwise they are left out, and a miss reads them itself: a hit never carries them. Entries carry
    the generation they were rendered under and are served only while it is current, so a change makes
    them stale at once, on every server.
    """

    def __init__(self, request, page: ReaderPage, *, read_page=True):
        self.cache = shared_cache()
        self.site = f"{request.scheme}://{canonical_host(request)}"  # pages and parts are kept per site
        digest = page_key_digest(request, self.site, page.query)
        self.page_key = f"pagecache:page:{digest}"
        self.claimed = None  # the token of this request's render claim, while it holds one
        keys = [GENERATION_KEY, PARTS_GENERATION_KEY, SCHEDULE_KEY, *([self.page_key] if read_page else [])]
        if not read_page or self.page_key in recent_misses:
            keys += part_keys(self.site, page.parts, page.stamps)
        found = self.prefetched = get_many_lazily(self.cache, keys)
        self.generation = found.get(GENERATION_KEY) or current_generation(self.cache)
        # Read before the view reads anything, for the page parts it builds (serving/fragments.py).
        self.parts_generation = found.get(PARTS_GENERATION_KEY) or current_generation(self.cache, key=PARTS_GENERATION_KEY)
        now = time.time()
        schedule = found.get(SCHEDULE_KEY)
        if schedule is not None and schedule[0] == self.generation and schedule[1] > now:
            self.change_at = schedule[1]
        else:
            self.change_at = self.compute_change_at(now)
        # Another request rendering this page under this generation holds this key (claim_or_wait).
        self.render_key = f"pagecache:render:{self.generation}:{digest}"
        self.entry, self.read_at = found.get(self.page_key), now

    @functools.cached_property
    def response(self) -> HttpResponse | None:
        """The cached page, if it is fresh (read only when asked: `make bench` bypasses it)."""
        return self.fresh_response(self.entry, self.read_at)

    def fresh_response(self, entry, now: float) -> HttpResponse | None:
        """Return the entry as a response if it was rendered under this generation and is still due."""
        if entry is not None and entry[0] == self.generation and now < min(entry[4], self.change_at):
            return self.rebuild(entry, now)
        return None

    def claim_or_wait(self, request) -> HttpResponse | None:
        """On a miss, claim the page's render, or wait for the request that claimed it and serve its entry.

        Returns None when this request should render: it claimed the page; the claimant finished
        without storing an entry (a response that may not be shared: later misses then render at
        once, until the claim expires); or it took longer than PAGE_CACHE_RENDER_WAIT (it may have
        died; the claim expires by itself then). So a story everyone opens at once is rendered once,
        not by every worker at the same time. Under ASGI, sync middleware shares one thread, so a
        waiter would hold up the very render it waits for: there it claims but never waits.
        """
        wait = settings.PAGE_CACHE_RENDER_WAIT
        if wait <= 0:
            return None
        token = uuid.uuid4().hex
        if self.cache.add(self.render_key, token, timeout=math.ceil(wait)):
            self.claimed = token
            return None
        if isinstance(request, ASGIRequest):
            return None
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            claim = self.cache.get(self.render_key)  # small: the page itself is read once, when done
            if claim == NOT_STORED:
                break
            if claim is None:
                response = self.fresh_response(self.cache.get(self.page_key), time.time())
                if response is not None:
                    return response
                break
            time.sleep(RENDER_POLL_SECONDS)
        # Rendering after a wait: the page parts and their counters read with the entry may be seconds old
        # now, so the parts are read again (serving/fragments.py), as a story edited meanwhile must show.
        self.prefetched = LazyValues((), {})
        return None

    def release(self, stored: bool) -> None:
        """Give up this request's claim, if it still holds it (it may have expired and passed on)."""
        if not self.claimed:
            return
        try:
            if self.cache.get(self.render_key) != self.claimed:
                return
            if stored:
                self.cache.delete(self.render_key)
            else:
                self.cache.set(self.render_key, NOT_STORED, timeout=math.ceil(settings.PAGE_CACHE_RENDER_WAIT))
        except CACHE_ERRORS:
            logger.warning("Could not release a page render claim; it expires by itself.", exc_info=True)

    def compute_change_at(self, now: float) -> float:
        """Ask the database for the next scheduled change; keep the answer for this generation."""
        moment = next_scheduled_change()
        change_at = moment.timestamp() if moment else math.inf
        ttl = NO_SCHEDULED_CHANGE_TTL if change_at == math.inf else max(1, math.ceil(change_at - now))
        self.cache.set(SCHEDULE_KEY, (self.generation, change_at), timeout=min(ttl, NO_SCHEDULED_CHANGE_TTL))
        return change_at

    def rebuild(self, entry, now: float) -> HttpResponse:
        _generation, status, headers, content, _valid_until = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        reader_cache_control(response, now=now, change_at=self.change_at)
        response[STATUS_HEADER] = "hit"
        return response

    def store(self, response) -> bool:
        """Keep the response for the readers after this one; return whether it was kept."""
        now = time.time()
        valid_until = min(now + settings.PAGE_CACHE_SECONDS, self.change_at)
        reader_cache_control(response, now=now, change_at=self.change_at)
        response[STATUS_HEADER] = "miss"
        if valid_until <= now:  # the page was rendered as a scheduled change came due: don't keep it
            return False
        if not response.has_header("ETag"):
            set_response_etag(response)
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS)
        # Tagged with the generation read before rendering: if content changed meanwhile, the entry is
        # already stale when it lands.
        entry = (self.generation, response.status_code, headers, response.content, valid_until)
        try:
            self.cache.set(self.page_key, entry, timeout=math.ceil(valid_until - now))
        except CACHE_ERRORS:
            logger.warning("Could not store a page in the cache.", exc_info=True)
            return False
        return True
