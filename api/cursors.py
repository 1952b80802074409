"""Keyset cursors: opaque to clients, a position in an order that new rows cannot shift.

A cursor names the last row a client was given (its sort key), never an offset: a story published during
a walk lands before the walk's position (lists are newest first) or after it (changes are oldest first),
so no row is skipped or given twice.
"""
import base64
import json
from datetime import UTC, datetime

from ninja.errors import HttpError

BIGGEST_ID = 2**63 - 1  # a bigint: a larger id would be a database error, not an empty page


def encode(*key) -> str:
    values = [value.isoformat() if isinstance(value, datetime) else value for value in key]
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(cursor: str, *types) -> tuple:
    """The sort key in `cursor`, each part converted by `types` (datetime, int, str); 400 if it is not one of ours."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError
        key = tuple(convert(value, kind) for value, kind in zip(values, types, strict=True))
    except (ValueError, TypeError, OverflowError, RecursionError):  # Recursion: "[[[[…", deeper than json goes
        raise HttpError(400, "Bad cursor: use the `next` link of the previous page as it is.") from None
    return key


def convert(value, kind):
    if kind is datetime:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError
        return moment.astimezone(UTC)  # OverflowError off the calendar
    if not isinstance(value, kind) or isinstance(value, bool) or (kind is int and not -1 <= value <= BIGGEST_ID):
        raise TypeError
    if kind is str:
        # No slug holds a NUL or a lone surrogate, and a query can carry neither: PostgreSQL refuses a NUL, and a
        # surrogate is not UTF-8 (encode() raises UnicodeEncodeError, a ValueError).
        value.encode()
        if "\x00" in value:
            raise ValueError
    return value


def aware(moment: datetime | None, name: str) -> datetime | None:
    """`moment` in UTC, refused with a 400 when it has no time zone ("14:00" alone is 14:00 where?) or when
    UTC has no such day (9999-12-31T23:00-14:00 is in the year 10000)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise HttpError(400, f"`{name}` needs a time zone: 2026-11-24T14:00:00Z or 2026-11-24T15:00:00+01:00.")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise HttpError(400, f"`{name}` is off the calendar once in UTC: give a time from the year 1 to 9999 there.") from None
