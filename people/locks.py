"""What shows a person's name, locked before their row: apps above register it at startup."""
from django.db import transaction

_locks = []  # callables (person) -> None: lock the rows (stories, then live coverages) a name's correction changes


def register_lock(lock) -> None:
    """`lock(person)`: take the rows that a change of the person's name changes too, as their own writes take them."""
    if lock not in _locks:
        _locks.append(lock)


def lock_showing(person) -> None:
    """Lock what shows `person` before their account's row. A live entry holds its coverage (a story's save, the story),
    then, at commit, its author's row (the foreign key's check); a name corrected held the row, then wanted the
    coverage to renumber their entries (the story, to stamp it), and PostgreSQL killed one of the two. Outside a
    transaction a lock would end with its query."""
    if person.pk and transaction.get_connection().in_atomic_block:
        for lock in _locks:
            lock(person)
