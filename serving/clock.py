"""The clock cap: no cached response outlives the next moment a page changes by itself.

A scheduled story goes live at its `publish_at` and an expiring one leaves at its `unpublish_at`, with no
save, no signal and no worker. Apps register what has such moments: `register(moments, due=None)`, where
`moments(now)` returns querysets of one column, each a plain query (no ORDER BY or LIMIT), that hold
the next moments. All of them are asked in one query (a UNION ALL). A moment at or before `now` is work
that has come due (a scheduled update to apply): the clock calls every `due()` and asks again. The answer
is kept in the shared cache until that moment, or until a save moves a schedule
(`purges.purge(..., schedule=True)`).
"""
import math
import time
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils import timezone

from .tags import SCHEDULE_KEY

NO_CHANGE_RECHECK = 3600  # with nothing scheduled, ask again hourly all the same

class KeptChange(NamedTuple):
    purges: int | None  # the latest purge's number when it was computed (serving/tags.py)
    at: float  # the next change, as a timestamp; math.inf: none scheduled


class Source(NamedTuple):
    moments: Callable[[datetime], list[QuerySet]]
    due: Callable[[], object] | None = None


sources: list[Source] = []


def register(moments: Callable[[datetime], list[QuerySet]], due: Callable[[], object] | None = None) -> None:
    if moments not in (source.moments for source in sources):
        sources.append(Source(moments, due))


def upcoming(now: datetime) -> list[datetime]:
    """Every source's moments, in one query."""
    first, *rest = [queryset for source in sources for queryset in source.moments(now)]
    return [moment for (moment,) in first.union(*rest, all=True) if moment is not None]


def next_change(now: datetime | None = None) -> datetime | None:
    """The earliest moment after `now` at which some public page changes by itself."""
    now = now or timezone.now()
    moments = upcoming(now)
    if any(moment <= now for moment in moments):
        for source in sources:
            if source.due:
                source.due()
        moments = upcoming(now)  # what is left at or before `now` could not be done: logged by `due`
    return min((moment for moment in moments if moment > now), default=None)


def change_at(cache, found: dict, purges: int | None) -> float:
    """The next change as a timestamp, from `found` (read with the purge count) or computed and kept.

    Kept with the purge count it was computed under: a purge that moved a schedule while it was computed
    makes it stale, so an answer read from the database before that commit is never used after it.
    """
    now = time.time()
    kept = found.get(SCHEDULE_KEY)
    if kept is not None and kept.purges == purges and kept.at > now:
        return kept.at
    moment = next_change()
    at = moment.timestamp() if moment else math.inf
    cache.set(SCHEDULE_KEY, KeptChange(purges, at), timeout=max(1, math.ceil(min(at - now, NO_CHANGE_RECHECK))))
    return at
