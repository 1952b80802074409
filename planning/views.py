"""The one page of planning outside the desk: a desk's calendar feed, behind its secret address."""
from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.defaults import page_not_found

from .ical import calendar
from .models import Assignment, CalendarFeed


def calendar_feed(request, token):
    """Answer a live feed's desk calendar; altered and revoked addresses get a 404 that names nothing.

    The address is the permission, as a preview link's is. The response names no cache tag, so the page
    cache never keeps it, and it is marked private and no-store for every other cache.
    """
    feed = CalendarFeed.active_for_token(token)
    if feed is None:
        # Answered here, not raised: the 404 for an address is as private as the calendar would have been.
        return private(page_not_found(request, Http404("No such calendar.")))
    assignments = Assignment.objects.of_desk(feed.desk).for_board().order_by("due_at", "pk")
    text = calendar(name=f"{feed.desk.name} desk", assignments=assignments, host=request.domain.hostname)
    return private(HttpResponse(text, content_type="text/calendar; charset=utf-8"))


def private(response):
    """Keep an answer to a secret address out of every cache, search index and Referer header."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
