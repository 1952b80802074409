"""The clock cap: no cached response outlives the next moment a page changes by itself.

A scheduled story goes live at its `publish_at` and an expiring one leaves at its `unpublish_at`, with no
save, no signal and no worker. Apps register what has such moments: `register(moments, due=None)`, where
`moments(now)` returns querysets of one column, each a plain query (no ORDER BY or LIMIT), that hold
the next moments, use `now` only as given and read no clock. All of them are asked in one query (a UNION
ALL), built once per process and run with each request's `now`: building it cost more than running it.
A moment at or before `now` is work that has come due (a scheduled update to apply): the clock calls every
`due()` and asks again. The answer is kept in the shared cache until that moment, or until a save moves a
schedule (`purges.purge(..., schedule=True)`).
"""
import math
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .tags import SCHEDULE_KEY

NO_CHANGE_RECHECK = 3600  # with nothing scheduled, ask again hourly all the same

class KeptChange(NamedTuple):
    purges: int | None  # the latest purge's number when it was computed (serving/tags.py)
    at: float  # the next change, as a timestamp; math.inf: none scheduled


class Source(NamedTuple):
    moments: Callable[[datetime], list[QuerySet]]
    due: Callable[[], object] | None = None


class Compiled(NamedTuple):
    sql: str
    params: list  # as the database takes them
    now_at: set[int]  # the places of `now` among them


sources: list[Source] = []
compiled: list[Compiled] = []  # the union, once built
STAND_INS = (datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=UTC), datetime(2002, 3, 4, 5, 6, 7, 890123, tzinfo=UTC))


def register(moments: Callable[[datetime], list[QuerySet]], due: Callable[[], object] | None = None) -> None:
    if moments not in (source.moments for source in sources):
        sources.append(Source(moments, due))
        compiled.clear()


def compile_union() -> Compiled:
    """The union's SQL, built for two stand-ins for `now`: a parameter that follows them is `now`, one that
    stays is a constant. A source that computes from `now` or reads a clock of its own is refused: its
    parameter changes otherwise, or is a time that stays."""
    (sql, params), (other_sql, other_params) = [union(stand_in).query.get_compiler("default").as_sql() for stand_in in STAND_INS]
    stand_ins = tuple(map(connection.ops.adapt_datetimefield_value, STAND_INS))
    now_at = {i for i, pair in enumerate(zip(params, other_params)) if pair == stand_ins}
    if sql != other_sql or any(a != b or is_time(a) for i, (a, b) in enumerate(zip(params, other_params)) if i not in now_at):
        raise ImproperlyConfigured("A clock source must use `now` as given and read no clock (serving/clock.py).")
    return Compiled(sql, params, now_at)


def is_time(param) -> bool:
    """A date or time, as PostgreSQL takes it or as SQLite does (text)."""
    return isinstance(param, date) or (isinstance(param, str) and bool(parse_datetime(param) or parse_date(param)))


def union(now: datetime) -> QuerySet:
    first, *rest = [queryset for source in sources for queryset in source.moments(now)]
    return first.union(*rest, all=True)


def upcoming(now: datetime) -> list[datetime]:
    """Every source's moments, in one query."""
    if not compiled:
        compiled.append(compile_union())
    sql, params, now_at = compiled[0]
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [at if i in now_at else param for i, param in enumerate(params)])
        moments = [moment for (moment,) in cursor.fetchall() if moment is not None]
    # SQLite answers text: the time as stored, in the connection's zone.
    return [timezone.make_aware(parse_datetime(m), connection.timezone) if isinstance(m, str) else m for m in moments]


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
