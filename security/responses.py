"""Responses the site gives when it cannot do its job, built without touching the database."""
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers


def database_unavailable(typed=()) -> HttpResponse:
    """Return the 503 page, with what was `typed` in the form whose save failed (security.refusals.typed_in). It is
    rendered without a request, so no context processor queries anything."""
    content = render_to_string("security/503.html", {"site_name": settings.SITE_NAME, "typed": typed})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(settings.DATABASE_UNAVAILABLE_RETRY_AFTER)
    add_never_cache_headers(response)  # no cache or CDN may keep the outage page
    return response
