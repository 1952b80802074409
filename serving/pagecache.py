"""The app's page cache: rendered reader pages in the shared cache, under their cache tags (README, "Caching
and production serving"). Anonymous GET/HEAD requests for reader pages that name what they show are served
from it; a request whose session cookie names a session bypasses it. An entry is served while no purge since
its render named one of its tags, and never past the next scheduled change (serving/clock.py).
"""
import functools
import hashlib
import logging
import math
import secrets
import time
from importlib import import_module
from typing import NamedTuple

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_resolver
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control, set_response_etag

from . import clock
from .coalesce import Coalescer
from .frontcache import CACHE_ERRORS
from .tags import PURGES_KEY, SCHEDULE_KEY, count, purge_key, shared_cache

logger = logging.getLogger(__name__)

STATUS_HEADER = "X-Page-Cache"  # hit, miss or bypass: for people and the bench, not for logic
CACHEABLE_STATUSES = frozenset({200, 301, 404})
UNSTORED_HEADERS = frozenset({"cache-control", "expires", STATUS_HEADER.lower()})  # recomputed on every hit
VARY_WITHOUT_COOKIE = frozenset({"cookie", "accept-encoding"})
TRACKING_PARAMS = frozenset("fbclid gclid dclid gbraid wbraid msclkid yclid twclid igshid mc_cid mc_eid _ga _gl "
                            "_hsenc _hsmi mkt_tok ref_src".split())  # and utm_*: never in a key, even if read
SITE_TAG = "site"  # every reader page shows the masthead's sections and the footer's domains
PURGES_READ_AT_MOST = 100  # an entry older than this many purges is rendered again, not checked against each


class Entry(NamedTuple):
    status: int
    headers: tuple
    content: bytes
    tags: frozenset
    purges: int  # the latest purge's number when the render began
    valid_until: float
    change_at: float  # the next scheduled change, as the render knew it
    max_age: int = 0  # seconds browsers may keep it (tags.keep_in_browsers), capped like the rest
    stamp: str = ""  # names this very entry; kept beside it (`stamp_key`) so a process can tell its copy is it


def page_cache_query(*names):
    """Name the query parameters a reader page reads (class-based views set `page_cache_query`)."""
    def mark(view):
        # A wrapper: Django's own sitemap view, shared with other sites, stays untouched.
        wrapper = functools.wraps(view)(lambda *args, **kwargs: view(*args, **kwargs))
        wrapper.page_cache_query = tuple(names)
        return wrapper
    return mark


@functools.lru_cache(maxsize=512)  # bounded, so made-up paths cannot grow it: resolving costs a hit a tenth of its time
def resolve_reader_page(urlconf, path_info: str) -> frozenset[str] | None:
    """The query parameters the reader page at `path_info` reads; None if it is no reader page."""
    try:
        match = get_resolver(urlconf).resolve(path_info)
    except Resolver404:
        return None
    if not set(match.namespaces) & set(settings.PAGE_CACHE_NAMESPACES):
        return None
    view = getattr(match.func, "view_class", match.func)
    return frozenset(getattr(match.func, "page_cache_query", None) or getattr(view, "page_cache_query", ()))


@receiver(setting_changed)
def forget_reader_pages(**kwargs):
    resolve_reader_page.cache_clear()


def normalise_query(request, reads: frozenset[str]) -> str:
    """Keep only the parameters the view reads (never tracking codes), sorted: the view sees what the key says."""
    if not request.META.get("QUERY_STRING"):
        request.META["QUERY_STRING"] = ""  # WSGI servers may leave it out
        return ""
    query = QueryDict(mutable=True)
    for name in sorted(reads.intersection(request.GET)):
        if not (name.lower().startswith("utm_") or name.lower() in TRACKING_PARAMS):
            query.setlist(name, request.GET.getlist(name))
    query._mutable = False
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()
    return request.META["QUERY_STRING"]


def canonical_host(request) -> str:
    """The host the page is for: the domain the host middleware found, else the request's host."""
    domain = getattr(request, "domain", None)
    host = (getattr(domain, "hostname", None) or request.get_host()).lower().rstrip(".")
    return host.removesuffix(":443" if request.is_secure() else ":80")


def page_key(request) -> str:
    url = f"{request.scheme}://{canonical_host(request)}{request.path}?{request.META['QUERY_STRING']}"
    return "serving:page:" + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def stamp_key(key: str) -> str:
    return key + ":stamp"


def set_public_headers(response, tags, *, now: float, change_at: float, max_age: int = 0) -> None:
    """Browsers revalidate every time (unless the view allowed a few seconds: a poll); front caches keep
    it under its tags (`tags` None: a hit, whose stored headers name them), never past the next change."""
    if tags is not None:
        listed = sorted(tags)
        response["xkey"] = response["Surrogate-Key"] = " ".join(listed)
        response["Cache-Tag"] = ",".join(listed)
    remaining = max(0.0, change_at - now)
    s_maxage = int(min(settings.PAGE_CACHE_S_MAXAGE, remaining))
    spare = max(0.0, remaining - s_maxage)  # a stale copy may not outlive the next change either
    stale = int(min(settings.PAGE_CACHE_STALE_WHILE_REVALIDATE, spare))
    on_error = int(min(settings.PAGE_CACHE_STALE_IF_ERROR, spare))
    response["Cache-Control"] = (
        f"public, max-age={int(min(max_age, remaining))}, must-revalidate, s-maxage={s_maxage}, "
        f"stale-while-revalidate={stale}, stale-if-error={on_error}"
    )
    response.headers.pop("Expires", None)
    forget_last_modified(response)


def forget_last_modified(response) -> None:
    """A feed's or sitemap's Last-Modified is its newest story's date, which a withdrawal or an expiry
    does not move: If-Modified-Since would keep the gone story with the reader. The ETag validates."""
    response.headers.pop("Last-Modified", None)


def is_storable(request, response) -> bool:
    if response.status_code not in CACHEABLE_STATUSES or response.streaming or response.cookies:
        return False
    cache_control = {token.strip().lower() for token in response.get("Cache-Control", "").split(",")}
    if cache_control & {"private", "no-cache", "no-store", "max-age=0"}:  # previews, drafts
        return False
    vary = {token.strip().lower() for token in response.get("Vary", "").split(",") if token.strip()}
    return not (vary - VARY_WITHOUT_COOKIE or ("cookie" in vary and request.COOKIES))


def holds_a_session(request) -> bool:
    """Whether the request's session cookie names a session. A made-up or expired one is dropped: that reader is
    anonymous, and served from the caches, not rendered afresh at each request (which anyone could ask for)."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if key is None:
        return False
    try:
        if import_module(settings.SESSION_ENGINE).SessionStore(key).load():
            return True
    except DatabaseError:
        return True  # unknown: rendered for this request alone, as for staff
    del request.COOKIES[settings.SESSION_COOKIE_NAME]
    return False


def catch_up() -> None:
    """Do the work that has come due (a scheduled update, a pin) before a staff request, as a reader's request has
    it done (Lookup.change_at): the desk never shows a story as it was before its update's second, nor saves over
    it. The kept next change costs one round trip to the shared cache; the clock's query runs once it has passed."""
    cache = shared_cache()
    try:
        found = cache.get_many([PURGES_KEY, SCHEDULE_KEY])
        clock.change_at(cache, found, found.get(PURGES_KEY))
    except CACHE_ERRORS:
        clock.next_timestamp()


class PageCacheMiddleware:
    """Serve reader pages from the shared cache. Place it right after the host check (domains)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = resolve_reader_page(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info) \
            if request.method in ("GET", "HEAD") else None
        if reads is None or (settings.SECURE_SSL_REDIRECT and not request.is_secure()):
            # Not a reader page; or plain http under HTTPS=1, which the security middleware redirects (a copy
            # kept before HTTPS was turned on would be served over http without it).
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                catch_up()  # the desk
            response = self.get_response(request)
            if response.status_code >= 400 and "Cache-Control" not in response:
                add_never_cache_headers(response)  # an address no view serves: no cache downstream may guess
            return response
        normalise_query(request, reads)  # staff and a site without the cache see the query as readers do
        if holds_a_session(request):
            catch_up()
            return self.bypass(request)
        lookup = None
        if settings.PAGE_CACHE_ENABLED:
            try:
                lookup = Lookup(request)
                response = lookup.hit()
                if response is None and not lookup.coalescer.claim() and not isinstance(request, ASGIRequest):
                    # another request renders it: wait (not under ASGI, where sync middleware share a thread)
                    response = lookup.coalescer.wait(lambda: lookup.fresh(lookup.cache.get(lookup.key)))
                if response is not None:
                    return response
            except CACHE_ERRORS:
                logger.warning("Page cache unavailable; serving uncached.", exc_info=True)
                lookup = None
        started = time.time()
        change_at = lookup.change_at() if lookup else clock.next_timestamp()
        stored = False
        try:
            response = self.get_response(request)
            change_at = min(change_at, getattr(request, "changes_at", math.inf))  # serving.tags.changes_at
            shows = getattr(request, "cache_tags", ())
            if is_storable(request, response) and shows:  # a view that named nothing opts out
                tags = {SITE_TAG, *shows, *getattr(request, "around_tags", ())}
                max_age = getattr(request, "browser_max_age", 0)
                now, overtaken = time.time(), lookup is not None and lookup.overtaken(tags)
                set_public_headers(response, tags, now=now, change_at=now if overtaken else change_at, max_age=max_age)
                response[STATUS_HEADER] = "miss"
                stored = not overtaken and lookup is not None and lookup.store(
                    response, tags, started=started, change_at=change_at, max_age=max_age)
            elif "Cache-Control" not in response:
                add_never_cache_headers(response)  # kept by no cache: a 404 that names nothing, an error
        finally:
            if lookup is not None:
                lookup.release(stored)
        return response

    def bypass(self, request):
        """Staff and previews: always fresh, and kept out of shared caches downstream."""
        response = self.get_response(request)
        forget_last_modified(response)
        if "Cache-Control" in response:
            patch_cache_control(response, private=True)
        else:
            add_never_cache_headers(response)
        response[STATUS_HEADER] = "bypass"
        return response


def head_without_body(get_response):
    """First of all middleware: a HEAD gets the headers its GET gets, its length included, and no body (which
    gunicorn would log as sent on a no-body response). Views and the page cache answer it as a GET."""
    def middleware(request):
        head = request.method == "HEAD"  # read first: a view may answer it as the GET it turned it into (the API)
        response = get_response(request)
        if head and not response.streaming and response.content:
            # Django's conditional GET looks at GETs only: a HEAD got no ETag, and no 304 for the ETag it sent.
            if "no-store" not in response.get("Cache-Control", "") and not response.has_header("ETag"):
                set_response_etag(response)  # as Django's ConditionalGetMiddleware gives the GET one
            if (answer := get_conditional_response(request, etag=response.get("ETag"), response=response)) is not response:
                return answer
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
    return middleware


LOCAL_AT_MOST = 64  # pages this process keeps a copy of; past that it drops them all and starts afresh
LOCAL_LARGEST = 256 * 1024  # bytes of a page it copies (the home page: 56 kB); a sitemap is read from the cache
local: dict[str, Entry] = {}  # this process's copies of entries it read from or stored in the shared cache


class Lookup:
    """One request's page in the shared cache: its entry, the purge count and the schedule, in one round trip
    (then the purges since its render, if any). Where this process holds a copy of an entry, the round trip
    carries the entry's stamp instead of the entry: while the shared cache still holds that very entry, the
    copy is served, checked against the purges as the entry would be (a 56 kB home page is not sent over the
    network at every hit); otherwise the shared entry is read."""

    def __init__(self, request):
        self.cache = shared_cache()
        self.key = page_key(request)
        self.copy = local.get(self.key)
        self.found = self.cache.get_many([PURGES_KEY, SCHEDULE_KEY, stamp_key(self.key) if self.copy else self.key])
        self.purges = self.found.get(PURGES_KEY) or count(self.cache, PURGES_KEY)  # a count is never 0 (tags.start_count)
        self.coalescer = Coalescer(self.cache, self.key, settings.PAGE_CACHE_RENDER_WAIT)

    def hit(self) -> HttpResponse | None:
        if self.copy is not None and self.found.get(stamp_key(self.key)) == self.copy.stamp:
            return self.fresh(self.copy)
        # Without a copy, the entry came in the round trip; with one no longer current, stored again since, or lost.
        return self.fresh(self.found.get(self.key) if self.copy is None else self.cache.get(self.key))

    def fresh(self, entry: Entry | None) -> HttpResponse | None:
        """The entry as a response, while its lifetime lasts and no purge since its render named its tags."""
        now = time.time()
        if entry is None or now >= entry.valid_until or not self.unpurged(entry.purges, entry.tags, self.purges):
            return None
        keep(self.key, entry)
        response = HttpResponse(entry.content, status=entry.status, headers=dict(entry.headers))
        set_public_headers(response, None, now=now, change_at=entry.change_at, max_age=entry.max_age)
        response[STATUS_HEADER] = "hit"
        return response

    def unpurged(self, number: int, tags, latest: int | None) -> bool:
        """Whether every purge after `number` up to `latest` is known, and none named one of `tags`."""
        if latest is None or latest < number:  # a count started again below the entry's
            return False
        since = range(number + 1, latest + 1)
        if len(since) > PURGES_READ_AT_MOST:
            return False
        keys = [purge_key(number) for number in since]
        purged = self.cache.get_many(keys) if keys else {}
        return len(purged) == len(keys) and not any(tags & named for named in purged.values())

    def overtaken(self, tags) -> bool:
        """Whether a purge committed while the page rendered named one of its tags: the render may show what that
        purge took away, and the front caches, which it may have reached already, must not keep it."""
        try:
            latest = self.cache.get(PURGES_KEY)
            return latest != self.purges and not self.unpurged(self.purges, tags, latest)
        except CACHE_ERRORS:
            return False  # as with no purge count: the front caches' purges still go out

    def release(self, stored: bool) -> None:
        try:
            self.coalescer.release(stored)
        except CACHE_ERRORS:
            logger.warning("Could not release a render claim; it expires by itself.", exc_info=True)

    def change_at(self) -> float:
        try:
            return clock.change_at(self.cache, self.found, self.purges)
        except CACHE_ERRORS:
            return clock.next_timestamp()

    def store(self, response, tags, *, started: float, change_at: float, max_age: int = 0) -> bool:
        """Keep the response under its tags and the purge count read before it was rendered: a purge
        committed while it rendered has a later number, so the entry is checked against it. Say whether it
        was kept."""
        now = time.time()
        valid_until = min(started + settings.PAGE_CACHE_SECONDS, change_at)
        if valid_until <= now or self.purges is None:  # rendered as a scheduled change came due
            return False
        if not response.has_header("ETag"):
            set_response_etag(response)
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS)
        entry = Entry(response.status_code, headers, response.content, frozenset(tags), self.purges, valid_until, change_at,
                      max_age, secrets.token_hex(8))
        try:
            self.cache.set_many({self.key: entry, stamp_key(self.key): entry.stamp}, timeout=math.ceil(valid_until - now))
        except CACHE_ERRORS:
            logger.warning("Could not store a page in the cache.", exc_info=True)
            return False
        keep(self.key, entry)
        return True


def keep(key: str, entry: Entry) -> None:
    """Copy an entry the shared cache holds (read from it, or stored in it) into this process."""
    if local.get(key) is not entry and entry.stamp and len(entry.content) <= LOCAL_LARGEST:
        if len(local) >= LOCAL_AT_MOST:
            local.clear()
        local[key] = entry
