"""Absolute URLs, built from a Domain row's stored host name and the request's scheme, never from the Host.

Links inside pages stay relative (`{% url %}`), so a reader on a mirror stays on that mirror; only what
must be absolute comes from here: canonical links, og:url, redirects to the primary, feeds and sitemaps.
"""
import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.utils.encoding import escape_uri_path

from .cache import domain_table


def _check_path(path: str) -> str:
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"An absolute path is expected, like /story/1/slug/, not {path!r}.")
    return path


def _scheme(request) -> str:
    # Without a request (a management command), the public site is assumed to be on HTTPS.
    return request.scheme if request is not None else "https"


def canonical_url(path: str, *, request=None) -> str:
    """Return `path` on the primary domain: "https://newsroom.example/story/1/slug/".

    With no primary domain configured, the request's own domain stands in (a development host);
    with neither, the path is returned as it is, which browsers resolve against the page. A local run
    (LOCAL_SITE_URL) names its own address instead.
    """
    if settings.LOCAL_SITE_URL:
        return f"{settings.LOCAL_SITE_URL}{_check_path(path)}"
    primary = domain_table().primary or getattr(request, "domain", None)
    if primary is None:
        return _check_path(path)
    return f"{_scheme(request)}://{primary.hostname}{_check_path(path)}"


def absolute_url(request, path: str) -> str:
    """Return `path` on the domain the reader is on (a mirror stays a mirror), e.g. for a feed's links."""
    if settings.LOCAL_SITE_URL:
        return f"{settings.LOCAL_SITE_URL}{_check_path(path)}"
    return f"{_scheme(request)}://{request.domain.hostname}{_check_path(path)}"


def served_host(request) -> str:
    """The host part absolute links on this request name: the reader's domain as stored, or a local run's."""
    if settings.LOCAL_SITE_URL:
        return settings.LOCAL_SITE_URL.split("://", 1)[-1]
    return request.domain.hostname


def request_canonical_url(request, page: int | None = None, query: dict | None = None) -> str:
    """Return the canonical URL of the page being served: its path on the primary, page number kept.

    `page` is the page number to name, when the page knows better than its query string. `query`: the other
    parameters naming the page shown, as the view read them (the older entries page's `before`); every
    other parameter is dropped.
    """
    # Composed, as the site writes its own links: a tag address copied from a Mac arrives decomposed ("e" and an
    # accent), is answered all the same (articles/urls.py), and must name the site's spelling, not a duplicate.
    path = escape_uri_path(unicodedata.normalize("NFC", request.path))
    if page is None:
        typed = request.GET.get("page", "")
        page = int(typed) if typed.isdecimal() else 1
    params = {**(query or {}), **({"page": page} if page > 1 else {})}
    if params:
        path = f"{path}?{urlencode(params)}"
    return canonical_url(path, request=request)
