"""The API's door: keys, the anonymous switch and per-key rate limits, in front of the page cache.

It sits between the conditional-GET middleware and the page cache (settings.MIDDLEWARE), so that:
- every keyed request is counted, even one the page cache answers;
- a 401 or 429 is decided before any cache is read, and is sent `private, no-store`: it is about one
  caller and is never stored by the app, a front cache or a CDN, nor served to anyone else;
- a keyed request may be answered from, and may fill, the shared page cache: the body is the same for
  everyone (the key buys a rate limit, not other content). Its own response is then made `private` and
  loses the cache-tag headers, and the RateLimit headers, which are about this key, are added after the
  page cache has stored the body, so they never reach another caller.
"""
import logging
from functools import cache as memoise

from django.conf import settings
from django.core.handlers.exception import convert_exception_to_response
from django.http import JsonResponse
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.cache import add_never_cache_headers, get_conditional_response, set_response_etag

from security.middleware import with_security_headers
from serving.frontcache import CACHE_ERRORS

from .access import bearer_token, find_key, rate_limit_headers, spend

logger = logging.getLogger(__name__)

TAG_HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag")
SERVER_ERRORS = {
    500: "The API failed to answer: the error is logged; try again later.",
    503: "The API is unavailable for a moment: retry after `Retry-After` seconds.",
}
# Django's own refusals of a request it cannot read (TooManyFieldsSent past 1,000 parameters, a bad header).
BAD_REQUEST = "The request could not be read: too many query parameters (1,000 at most), or a malformed one."


@memoise
def api_paths(urlconf: str) -> tuple[str, tuple[str, ...]] | None:
    """The API's prefix in `urlconf`, and its documents (OpenAPI and docs), which need no key: as a request's
    `path_info` starts, without the script prefix of a site mounted below `/`. None where it has no API."""
    try:
        paths = [reverse(name, urlconf=urlconf) for name in ("api:api-root", "api:openapi-json", "api:openapi-view")]
    except NoReverseMatch:
        return None
    root, *documents = ["/" + path.removeprefix(get_script_prefix()) for path in paths]
    return root, tuple(documents)


def api_documents(request) -> tuple[str, ...] | None:
    """The API's documents if `request` is for the API, else None."""
    found = api_paths(settings.ROOT_URLCONF)
    return found[1] if found and request.path_info.startswith(found[0]) else None


def refusal(request, status: int, detail: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    response["Cache-Control"] = "private, no-store"
    return with_security_headers(request, response)  # answered above them: an app only ever refused got no HSTS


class ApiAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if api_documents(request) is None:
            return self.get_response(request)
        if request.method != "HEAD":
            return self.answer(request)
        # ninja routes GET only; HEAD is a GET without the body (monitors, link checkers), as on the pages: the
        # outermost middleware (serving.pagecache.head_without_body) drops the body, its length kept.
        request.method = "GET"
        response = self.answer(request)
        if not response.streaming and response.status_code != 304 and "no-store" not in response.get("Cache-Control", ""):
            set_response_etag(response)  # as GET's, which the conditional-GET middleware gives only to a GET
        return response

    def answer(self, request):
        """The guarded response, an error in the API's JSON too: Django's 400 page, its 500 page, or the 503 page of a
        database outage (security/middleware.py), are HTML for readers, which an app cannot parse. Each is
        logged and built as for a page first (handler500, for an error in the guard itself), then put in JSON,
        its status and headers (Retry-After, no-cache) kept."""
        response = convert_exception_to_response(self.guard)(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code < 500:
            detail = BAD_REQUEST if response.status_code == 400 else response.reason_phrase
        else:
            detail = SERVER_ERRORS.get(response.status_code, SERVER_ERRORS[500])
        error = JsonResponse({"detail": detail}, status=response.status_code)
        for name, value in response.items():
            if name.lower() not in ("content-type", "content-length"):
                error[name] = value
        if "Cache-Control" not in error:
            add_never_cache_headers(error)  # a bug in the guard reaches handler500 without the page cache's
        return with_security_headers(request, error)  # the guard's own error has not been through them

    def guard(self, request):
        token = bearer_token(request)
        if token is None:
            if settings.API_ANONYMOUS or request.path_info in api_documents(request):
                return self.get_response(request)
            response = refusal(request, 401, "This API needs a key: send it as `Authorization: Bearer <key>`.")
            response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        key = find_key(token)
        if key is None:
            response = refusal(request, 401, "Unknown or revoked API key.")
            response["WWW-Authenticate"] = 'Bearer realm="api", error="invalid_token"'
            return response
        try:
            budget = spend(key)
        except CACHE_ERRORS:
            # Without the shared cache no request can be counted: serve a valid key rather than refuse it.
            logger.warning("API rate limits unavailable: the cache does not answer.", exc_info=True)
            return self.private(self.get_response(request))
        if budget.exceeded:
            response = refusal(request, 429, f"Rate limit of {budget.limit} requests per minute reached; retry in {budget.reset} s.")
            response["Retry-After"] = str(budget.reset)
        else:
            response = self.unchanged(request, self.private(self.get_response(request)))
        rate_limit_headers(response, budget)
        return response

    @staticmethod
    def unchanged(request, response):
        """A keyed request's 304, made here: the conditional-GET middleware, outside, keeps only the headers RFC 9110
        names for a 304, and an app polling with If-None-Match would never see the RateLimit fields added next."""
        if response.streaming or not 200 <= response.status_code < 300:
            return response
        if not response.has_header("ETag") and "no-store" not in response.get("Cache-Control", ""):
            set_response_etag(response)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    @staticmethod
    def private(response):
        """Keep a keyed response out of shared caches: its headers speak of one key."""
        cache_control = response.get("Cache-Control", "")
        if not cache_control or "public" in cache_control:
            response["Cache-Control"] = "private, max-age=0, must-revalidate"
        for name in TAG_HEADERS:
            response.headers.pop(name, None)
        return response
