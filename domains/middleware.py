"""The host check: every request's host must be an active Domain (or a development host), else 400.

ALLOWED_HOSTS is "*" because this middleware is the host check. It runs first, reads the raw Host header
itself, refuses anything malformed or unknown without echoing it, then rewrites HTTP_HOST to the
validated, normalised spelling, so Django's own `request.get_host()` downstream (CSRF origin checks,
the HTTPS redirect) only ever sees a checked value.
"""
import logging
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from security.middleware import with_security_headers

from .cache import domain_table, request_table
from .hosts import Host, ends_with_dot, normalise_hostname, parse_host
from .models import Domain
from .absolute_urls import canonical_url

logger = logging.getLogger(__name__)

RETIRED_MIRROR_REDIRECT_SECONDS = 3600  # how long a browser keeps a retired mirror's redirect
BAD_HOST_TEXT = "Bad Request\n\nThis site is not served at the address you used.\n"


def raw_host(request) -> str | None:
    """Return the host the client asked for, unvalidated: X-Forwarded-Host only behind a trusted proxy."""
    meta = request.META
    if settings.TRUSTED_PROXY and meta.get("HTTP_X_FORWARDED_HOST"):
        return meta["HTTP_X_FORWARDED_HOST"].split(",")[0].strip()
    if "HTTP_HOST" in meta:
        return meta["HTTP_HOST"]
    # No Host header (HTTP/1.0): the server's own name, as PEP 3333 rebuilds it.
    host, port = meta.get("SERVER_NAME", ""), str(meta.get("SERVER_PORT", ""))
    if port and port != ("443" if request.is_secure() else "80"):
        host = f"{host}:{port}"
    return host


@lru_cache(maxsize=8)
def _normalised_dev_hosts(dev_hosts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(filter(None, (normalise_hostname(host) for host in dev_hosts)))


def dev_hosts() -> frozenset[str]:
    return _normalised_dev_hosts(tuple(settings.DEV_HOSTS))


def resolve_domain(host: Host) -> Domain | None:
    """Return the Domain serving `host`; development hosts act for the primary domain."""
    table = domain_table()
    domain = table.by_hostname.get(host.hostname)
    if domain is not None or host.hostname not in dev_hosts():
        return domain
    if table.primary is not None:
        return table.primary
    # No domain configured yet (a fresh checkout, the test suite): the development host stands in for
    # the primary, port included, so absolute URLs lead back to the server actually running.
    return Domain(hostname=host.netloc, label="development host", is_primary=True)


def bad_host_response() -> HttpResponse:
    response = HttpResponse(BAD_HOST_TEXT, status=400, content_type="text/plain; charset=utf-8")
    # Never cached by a CDN: a mirror added a second later must not stay refused.
    response["Cache-Control"] = "no-store"
    return response


class DomainMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_table.set(domain_table())  # one read of the table for the whole request
        try:
            return self.check(request)
        finally:
            request_table.reset(token)

    def check(self, request):
        raw = raw_host(request)
        host = parse_host(raw)
        if host is not None and host.port == (443 if request.is_secure() else 80):
            # The scheme's own port, which a proxy naming its port sends (nginx's `Host $host:$server_port`) and
            # browsers never write: kept, it would reach the HTTPS redirect and fail CSRF's Origin check.
            host = Host(host.hostname)
        domain = resolve_domain(host) if host is not None else None
        if domain is None:
            # %r escapes CR/LF, and the value is cut short: the log cannot be forged or flooded.
            logger.info("Refused a request for an unknown or malformed host: %r", (raw or "")[:100])
            return with_security_headers(request, bad_host_response())  # answered above them: their headers

        request.META["HTTP_HOST"] = host.netloc
        request.META.pop("HTTP_X_FORWARDED_HOST", None)
        request.domain = domain
        if domain.redirects and domain_table().primary is not None:
            response = HttpResponsePermanentRedirect(canonical_url(redirect_path(request), request=request))
            # A 301 saying nothing is kept by browsers for good, where no purge reaches: a mirror the desk serves
            # again would still send its readers away. An hour, then they ask again.
            patch_cache_control(response, max_age=RETIRED_MIRROR_REDIRECT_SECONDS)
            return with_security_headers(request, response)  # HSTS too: the old domain is pinned to https
        if ends_with_dot(raw):
            # "newsroom.example." is another origin to a browser: its Origin header fails CSRF's check against the
            # host without the dot, and it keeps cookies of its own. One spelling: the same URL without the dot.
            return with_security_headers(request, HttpResponsePermanentRedirect(f"{request.scheme}://{host.netloc}{redirect_path(request)}"))
        return self.get_response(request)


def redirect_path(request) -> str:
    """The path and query to redirect to: "//x" would read as another host, so leading slashes are folded."""
    return "/" + request.get_full_path().lstrip("/")
