"""The changes feed (`/api/v1/changes?since=`): what an app must do to stay in step with the site.

What the models keep, and so where each change comes from:
- a story that is live now (`Article.objects.published()`) changed at its `modified_at`, the moment the API
  calls its `updated_at` (the latest of its save, its publication, its latest correction and what apps above
  articles changed on its page, a live entry): `published` (when that is its publication) or `updated`;
- an expired story (`Article.objects.expired()`) left at its expiry time, or at its last save if that
  came later (an expiry set in the past);
- a story withdrawn, moved back into the schedule or deleted while live left when that was saved:
  nothing in the story's row says it was ever public, so api.Removal keeps that moment (api/removals.py).
A removal carries the story's id and nothing else. Drafts and stories that were only ever scheduled never
appear: the first two sources are the gate's own querysets, and a Removal is made only when the gate saw
the story before the save and does not after it.

Changes are given oldest first, by a keyset cursor (moment, source, id). A change is held back until it
is `API_CHANGES_SETTLE_SECONDS` old: a save's time is read before its transaction commits, so a change
could otherwise become visible after a client's cursor had passed its time. A response that held
something back is not cached (`no-cache`), so the next poll sees it as soon as it settles.
"""
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from articles.models import Article

from .models import Removal

LIVE, EXPIRED, REMOVED = 0, 1, 2  # each source's rank: the tie-break between equal moments
BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)


def sources():
    """Each source as (rank, queryset with `moment`, the field naming the story)."""
    live = Article.objects.published().with_modified_at().annotate(moment=F("last_changed_at"))  # its `updated_at`
    expired = Article.objects.expired().annotate(moment=Greatest("unpublish_at", "updated_at"))
    removed = Removal.objects.annotate(moment=F("removed_at"))
    return [(LIVE, live, "pk"), (EXPIRED, expired, "pk"), (REMOVED, removed, "article_id")]


def after(cursor, rank: int) -> Q:
    """Rows of source `rank` that come after `cursor` = (moment, rank, row id) in the feed's order."""
    moment, cursor_rank, cursor_pk = cursor
    if rank > cursor_rank:
        return Q(moment__gte=moment)
    if rank < cursor_rank:
        return Q(moment__gt=moment)
    return Q(moment__gt=moment) | Q(moment=moment, pk__gt=cursor_pk)


def changes_after(cursor, limit: int) -> tuple[list[dict], bool, bool]:
    """Up to `limit` changes after `cursor`, whether more are ready, and whether some were held back.

    Each item has the cursor of its position (`position`), to continue after it."""
    rows = []
    for rank, queryset, story_field in sources():
        found = queryset.filter(after(cursor, rank)).order_by("moment", "pk")
        found = found.values_list("moment", "pk", story_field, "publish_at" if rank == LIVE else "moment")[: limit + 1]
        rows += [(moment, rank, pk, story, published) for moment, pk, story, published in found]
    rows.sort(key=lambda row: row[:3])
    settled = timezone.now() - timedelta(seconds=settings.API_CHANGES_SETTLE_SECONDS)
    ready = [row for row in rows if row[0] <= settled]
    items = [
        {"position": (moment, rank, pk), "id": story, "at": moment,
         "change": "removed" if rank != LIVE else ("published" if moment == published else "updated")}
        for moment, rank, pk, story, published in ready[:limit]
    ]
    return items, len(ready) > limit, len(ready) < len(rows)
