"""The API's URLs, marked for the page cache with the query parameters each endpoint reads.

The page cache keys a reader page by the parameters its view reads and drops the rest (serving/pagecache.py,
`page_cache_query`). Here they are read from the OpenAPI document ninja builds from the endpoints'
signatures, so a new filter cannot be forgotten, and so silently dropped, by the cache.
"""
import functools
import re

from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt

from .views import api

ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def marked_urls():
    patterns, app_name, namespace = api.urls
    paths = api.get_openapi_schema(path_prefix="")["paths"]
    for pattern in patterns:
        # ninja's root (/api/v1/) raises Http404, the site's HTML page: it answers as any other unknown address.
        pattern.callback = json_not_allowed(no_such_endpoint if pattern.name == "api-root" else pattern.callback)
        route = "/" + ROUTE_PARAMETER.sub(r"{\1}", str(pattern.pattern))
        operation = paths.get(route, {}).get("get", {})
        pattern.callback.page_cache_query = tuple(
            parameter["name"] for parameter in operation.get("parameters", ()) if parameter["in"] == "query"
        )
    return [*patterns, re_path(r"", no_such_endpoint)], app_name, namespace


def json_not_allowed(view):
    """ninja refuses a method an endpoint lacks with an HTML 405: give the API's JSON error instead, and name HEAD
    beside GET in `Allow`, since the API's middleware answers HEAD with GET's headers (api/middleware.py)."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = [method.strip() for method in response["Allow"].split(",")]
        allowed = sorted({*allowed, *(["HEAD"] if "GET" in allowed else [])})
        refusal = JsonResponse({"detail": f"{request.method} is not allowed here: this endpoint answers {' and '.join(allowed)}."},
                               status=405)
        refusal["Allow"] = ", ".join(allowed)
        return refusal
    return wrapper


@csrf_exempt  # a POST to it is refused as any other method is: with the API's JSON, not the CSRF page
def no_such_endpoint(request):
    """Any other address under the API's: JSON like every answer of the API, not the site's HTML page.
    `/stories/` with its slash is one: the API's addresses have none."""
    return JsonResponse({"detail": "No such endpoint: the API's addresses are listed at its docs, and end without a slash."},
                        status=404)


urls = marked_urls()
