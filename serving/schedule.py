"""When will a public page next change by itself? (Time is a change too.)

A scheduled story goes live at its `publish_at` and an expiring one leaves at its `unpublish_at`,
with no save, no signal and no worker. No cached page may live past the next such moment.
"""
from datetime import datetime

from django.db.models import Min, Q
from django.utils import timezone

from articles.models import Article


def next_article_change(now: datetime) -> datetime | None:
    """Return the next publication or expiry time after `now`: one query, served by indexes."""
    # Only the two gate methods are used: a scheduled story will appear, a live one with an expiry will go.
    upcoming = Article.objects.scheduled() | Article.objects.published().filter(unpublish_at__gt=now)
    row = upcoming.aggregate(
        next_publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        next_expiry=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
    )
    moments = [moment for moment in row.values() if moment is not None]
    return min(moments) if moments else None


# Everything that can change a page at a moment of its own. Add a source here (e.g. a domain that
# switches on at a set time); each returns the next moment after `now`, or None.
SCHEDULE_SOURCES = [next_article_change]


def next_scheduled_change(now: datetime | None = None) -> datetime | None:
    now = now or timezone.now()
    moments = [moment for source in SCHEDULE_SOURCES if (moment := source(now)) is not None]
    return min(moments) if moments else None
