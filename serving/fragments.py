"""Fragments: a small part of every page that changes on its own clock (the breaking-news banner), kept
out of the cached pages and put in as each page is served, so showing it purges no page.

A page carries a marker, `<!--fragment:alerts:5-->` (`marker("alerts", 5)`); apps register what a
fragment shows (`register("alerts", render)`, render(request, arg) -> Piece). As a page leaves the app,
hit or miss, FragmentMiddleware puts each fragment in place, from the shared cache, where it is kept
FRAGMENT_SECONDS at most and never past the moment it said it would change. A front cache that does
Edge Side Includes (Varnish: deploy/varnish.vcl) asks for them with `Surrogate-Capability: …ESI/1.0`:
it then gets `<esi:include src="/fragment/alerts/?arg=5">` instead, keeps the page for as long as any
page, and fetches the fragment itself (`/fragment/<name>/`, `s-maxage` as above).
"""
import hashlib
import math
import re
import time
from typing import NamedTuple

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import quote_etag
from django.utils.http import urlencode

from .frontcache import CACHE_ERRORS
from .tags import shared_cache

MARKER_RE = re.compile(rb"<!--fragment:([a-z-]+):([0-9a-z-]*)-->")


class Piece(NamedTuple):
    html: str
    until: float = math.inf  # the timestamp it changes by itself (an alert's expiry); from piece(): its copy's end


renderers = {}


def register(name: str, render) -> None:
    renderers[name] = render


def marker(name: str, arg="") -> str:
    return f"<!--fragment:{name}:{arg}-->"


# A copy with less than this many seconds left is made afresh: a front cache told `s-maxage=0` could not keep
# it at all, and every page it serves would fetch the fragment again in that last second.
RENEW_UNDER = 1
LOCAL_AT_MOST = 1000  # keys this process keeps a copy of; past that it starts afresh (made-up args cannot grow it)
local: dict[str, tuple] = {}  # this process's copies of what the shared cache held: the same value, to the same end


def kept(key: str, compute):
    """`compute()` -> (value, until), kept in the shared cache until `until` and FRAGMENT_SECONDS at most;
    returns (value, the kept copy's end). For a fragment and for data fragments share (live/alerts.py).
    Each process also keeps what it read from there until that same end, so a page served from the cache
    makes one round trip to it, not two, and a fragment is no later than the shared copy makes it."""
    now = time.time()
    found = local.get(key)
    if found is None or found[1] - now < RENEW_UNDER:
        try:
            found = shared_cache().get(key)
        except CACHE_ERRORS:
            found = None
    if found is not None and found[1] - now >= RENEW_UNDER:
        if len(local) >= LOCAL_AT_MOST:
            local.clear()
        local[key] = found  # only what the shared cache held: with no cache (DummyCache) nothing is kept
        return found
    value, until = compute()
    # `until` is now when the kept copy ends: a front cache keeps it no longer than this app does.
    until = min(now + settings.FRAGMENT_SECONDS, until)
    try:
        shared_cache().set(key, (value, until), timeout=max(1, math.ceil(until - now)))
    except CACHE_ERRORS:
        pass
    return value, until


def piece(request, name: str, arg: str) -> Piece:
    """The fragment for this request's host, from the shared cache or rendered and kept."""
    host = getattr(getattr(request, "domain", None), "hostname", "") or request.get_host()
    key = "serving:fragment:" + hashlib.md5(f"{name}:{host}:{arg}".encode(), usedforsecurity=False).hexdigest()
    return Piece(*kept(key, lambda: tuple(renderers[name](request, arg))))


def esi_include(name: str, arg: str) -> str:
    src = reverse("serving:fragment", kwargs={"name": name}) + "?" + urlencode({"arg": arg})
    return f'<esi:include src="{src}"/>'


split_pages: dict[int, tuple[bytes, list]] = {}  # id(page) -> (page, its text and markers), as split_page made it


def split_page(content: bytes) -> list:
    """[text, name, arg, text, …]: the page around its markers. A page served again from this process's copy
    (serving/pagecache.py) is the same bytes object: it is not searched again (56 kB cost a hit ~40 µs)."""
    found = split_pages.get(id(content))
    if found is not None and found[0] is content:  # held here, so its id is not another page's
        return found[1]
    split = MARKER_RE.split(content)
    if len(split_pages) >= LOCAL_AT_MOST:
        split_pages.clear()
    split_pages[id(content)] = (content, split)
    return split


class FragmentMiddleware:
    """Put the fragments into HTML pages. Place it between ConditionalGetMiddleware and the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.with_fragments(request, self.get_response(request))
        if request.method == "HEAD" and not response.streaming:
            # Emptied only now: HEAD sends the headers GET sends, its fragments counted in Content-Length and ETag.
            response.content = b""
        return response

    def with_fragments(self, request, response):
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        split = split_page(response.content)  # each read of `content` joins the page's bytes anew: read once
        if len(split) == 1:
            return response
        esi = "ESI/1.0" in request.META.get("HTTP_SURROGATE_CAPABILITY", "")
        parts, out = [], [split[0]]
        for at in range(1, len(split), 3):  # text, (name, arg, text)…
            name, arg = split[at].decode(), split[at + 1].decode()
            if name in renderers:
                html = esi_include(name, arg) if esi else piece(request, name, arg).html
                parts.append(html)
                out.append(html.encode())
            out.append(split[at + 2])
        response.content = content = b"".join(out)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
        if response.has_header("ETag"):  # the page's ETag names the page without its fragments
            digest = hashlib.md5((response["ETag"] + "".join(parts)).encode(), usedforsecurity=False).hexdigest()
            response["ETag"] = quote_etag(digest)
        if esi:
            response["Surrogate-Control"] = 'content="ESI/1.0"'
        return response


def fragment(request, name):
    """A fragment on its own, for front caches that include it (ESI)."""
    if name not in renderers or request.method not in ("GET", "HEAD"):
        raise Http404("No such fragment.")
    rendered = piece(request, name, request.GET.get("arg", "")[:20])
    response = HttpResponse(rendered.html)
    lifetime = max(0, int(rendered.until - time.time()))
    response["Cache-Control"] = f"public, max-age=0, s-maxage={lifetime}"
    return response
