"""Merge a stale save by field: keep a colleague's changes to the fields you did not touch.

Three versions of each field: the *base* (the revision the form was opened at), *theirs* (saved
since) and *yours* (submitted). Only yours changed: yours. Only theirs changed: theirs. Both changed
the same way: either. Both changed differently: a conflict, which only a person can settle.
"""
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models

UNKNOWN = object()  # the base revision lacks the field (an old revision): any difference is a conflict
BETWEEN_TAGS = re.compile(r">\s+<")


def comparable(value):
    """A field's value as it means something to a reader, so a re-posted, untouched field is "unchanged".

    Browsers post CR LF in text areas, CKEditor lays blocks out on lines of its own, and the desk's time
    inputs drop microseconds.
    """
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, models.QuerySet)):  # tags (names), bylines (people): which, not in what order
        return tuple(sorted(str(comparable(item)).casefold() for item in value))
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, str):
        return BETWEEN_TAGS.sub("><", value.replace("\r\n", "\n")).strip()
    return value


@dataclass
class Merge:
    values: dict = field(default_factory=dict)  # what to save, per field
    theirs_kept: list = field(default_factory=list)  # fields their save changed and yours did not
    conflicts: list = field(default_factory=list)  # fields both changed, differently


def merge_fields(*, base: dict, theirs: dict, yours: dict) -> Merge:
    """Merge `yours` onto `theirs`, field by field, against `base` (all keyed by the same names)."""
    merge = Merge()
    for name, mine in yours.items():
        saved = theirs[name]
        before = base.get(name, UNKNOWN)
        if comparable(mine) == comparable(saved):
            merge.values[name] = mine
        elif before is not UNKNOWN and comparable(mine) == comparable(before):
            merge.values[name] = saved
            merge.theirs_kept.append(name)
        elif before is not UNKNOWN and comparable(saved) == comparable(before):
            merge.values[name] = mine
        else:
            merge.values[name] = mine
            merge.conflicts.append(name)
    return merge
