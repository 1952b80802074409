"""The clock cap: no cached response outlives the next moment a page changes by itself.

A scheduled story goes live at its `publish_at` and an expiring one leaves at its `unpublish_at`, with no
save, no signal and no worker. Apps register what has such moments (`register(source)`: a function of
`now` returning the next moment after it, or None); the answer is kept in the shared cache until that
moment, or until a save moves a schedule (`purges.purge(..., schedule=True)`).
"""
import math
import time
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from django.utils import timezone

from .tags import SCHEDULE_KEY

NO_CHANGE_RECHECK = 3600  # with nothing scheduled, ask again hourly all the same

class KeptChange(NamedTuple):
    purges: int | None  # the latest purge's number when it was computed (serving/tags.py)
    at: float  # the next change, as a timestamp; math.inf: none scheduled


sources: list[Callable[[datetime], datetime | None]] = []


def register(source: Callable[[datetime], datetime | None]) -> None:
    if source not in sources:
        sources.append(source)


def next_change(now: datetime | None = None) -> datetime | None:
    """The earliest moment after `now` at which some public page changes by itself."""
    now = now or timezone.now()
    moments = [moment for source in sources if (moment := source(now)) is not None]
    return min(moments, default=None)


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
