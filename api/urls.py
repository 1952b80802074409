"""The API's URLs, marked for the page cache with the query parameters each endpoint reads.

The page cache keys a reader page by the parameters its view reads and drops the rest (serving/pagecache.py,
`page_cache_query`). Here they are read from the OpenAPI document ninja builds from the endpoints'
signatures, so a new filter cannot be forgotten, and so silently dropped, by the cache.
"""
import re

from .views import api

ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def marked_urls():
    patterns, app_name, namespace = api.urls
    paths = api.get_openapi_schema(path_prefix="")["paths"]
    for pattern in patterns:
        route = "/" + ROUTE_PARAMETER.sub(r"{\1}", str(pattern.pattern))
        operation = paths.get(route, {}).get("get", {})
        pattern.callback.page_cache_query = tuple(
            parameter["name"] for parameter in operation.get("parameters", ()) if parameter["in"] == "query"
        )
    return patterns, app_name, namespace


urls = marked_urls()
