"""The clock cap: no cached response outlives the next moment a page changes by itself (a `publish_at`, an
`unpublish_at`), with no save, no signal and no worker.

Apps `register(moments, due)`: `moments(now)` returns plain one-column querysets (no ORDER BY or LIMIT) of
the next moments, using `now` as given and reading no clock; `due()` does work that has come due (a scheduled
update). All are asked in one UNION ALL, compiled once per process (building it cost five times running it).
The answer is kept in the shared cache until that moment, or until a purge moves a schedule.
"""
import math
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .tags import SCHEDULE_KEY

NO_CHANGE_RECHECK = 3600  # with nothing scheduled, ask again hourly all the same
# Due work that failed (a lock timeout) is tried again after this, not at the next moment; once it has failed for
# longer, after as long as it has been failing (up to NO_CHANGE_RECHECK): a failure that lasts caps pages, and fills
# the log, less and less.
DUE_RETRY_SECONDS = 5
STAND_INS = (datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=UTC), datetime(2002, 3, 4, 5, 6, 7, 890123, tzinfo=UTC))


class KeptChange(NamedTuple):
    purges: int | None  # the latest purge's number when it was computed (serving/tags.py)
    at: float  # the next change, as a timestamp; math.inf: none scheduled


class Source(NamedTuple):
    moments: Callable[[datetime], list[QuerySet]]
    due: Callable[[], object] | None = None


class Compiled(NamedTuple):
    sql: str
    params: list  # as the database takes them, `now` among them as `stand_in`
    stand_in: object


sources: list[Source] = []
compiled: list[Compiled] = []  # the union, once built


def register(moments: Callable[[datetime], list[QuerySet]], due: Callable[[], object] | None = None) -> None:
    if moments not in (source.moments for source in sources):
        sources.append(Source(moments, due))
        compiled.clear()


def compile_union() -> Compiled:
    """The union's SQL, built for two stand-ins for `now`. A source whose SQL differs between them, or with a
    time that stays, computes from `now` or reads a clock of its own: it would be run wrong, so it is refused."""
    first, other = [union(moment).query.get_compiler("default").as_sql() for moment in STAND_INS]
    stand_in, other_stand_in = map(connection.ops.adapt_datetimefield_value, STAND_INS)
    if first[0] != other[0] or any((a, b) != (stand_in, other_stand_in) and (a != b or is_time(a))
                                   for a, b in zip(first[1], other[1])):
        raise ImproperlyConfigured("A clock source must use `now` as given and read no clock (serving/clock.py).")
    return Compiled(*first, stand_in)


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
    sql, params, stand_in = compiled[0]
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [at if param == stand_in else param for param in params])
        moments = [moment for (moment,) in cursor.fetchall() if moment is not None]
    # SQLite answers text: the time as stored, in the connection's zone.
    return [timezone.make_aware(parse_datetime(m), connection.timezone) if isinstance(m, str) else m for m in moments]


def next_change(now: datetime | None = None) -> datetime | None:
    """The earliest moment after `now` at which some public page changes by itself."""
    now = now or timezone.now()
    moments = upcoming(now)
    if any(moment <= now for moment in moments):
        for due in [source.due for source in sources if source.due]:
            due()
        moments = upcoming(now)
        if overdue := [moment for moment in moments if moment <= now]:  # could not be done (logged by `due`)
            failing = (now - min(overdue)).total_seconds()
            moments.append(now + timedelta(seconds=min(max(DUE_RETRY_SECONDS, failing), NO_CHANGE_RECHECK)))
    return min((moment for moment in moments if moment > now), default=None)


def next_timestamp() -> float:
    moment = next_change()
    return moment.timestamp() if moment else math.inf


def change_at(cache, found: dict, purges: int | None) -> float:
    """The next change, from `found` (read with the purge count `purges`) or computed and kept with that count:
    a purge that moved a schedule while it was computed makes it stale."""
    now = time.time()
    kept = found.get(SCHEDULE_KEY)
    if kept is not None and kept.purges == purges and kept.at > now:
        return kept.at
    at = next_timestamp()
    cache.set(SCHEDULE_KEY, KeptChange(purges, at), timeout=max(1, math.ceil(min(at - now, NO_CHANGE_RECHECK))))
    return at
