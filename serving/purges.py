"""Purges: apps say what a change purges, from their own signal receivers (AppConfig.ready), with
`purge(["story-12", "home"])`. Tags are collected per thread and purged together once the transaction
commits: in the app's page cache (new versions for the tags) and in every front cache (FRONT_CACHES).
"""
import secrets
import threading
from collections.abc import Iterable

from django.db import transaction

from . import frontcache
from .tags import EPOCH_KEY, SCHEDULE_KEY, shared_cache, tag_key


class Pending(threading.local):
    """The tags purged in this thread's transaction, waiting for its commit."""

    def __init__(self):
        self.tags, self.hard, self.schedule = set(), False, False


pending = Pending()


def purge(tags: Iterable[str], *, hard: bool = False, schedule: bool = False) -> None:
    """Purge `tags` once the transaction commits (at once outside one).

    `hard` when something leaves the public site: front caches then drop their copies instead of
    serving them stale while they refetch. `schedule` when a scheduled publication or expiry moved.

    A rolled-back transaction leaves its tags pending: they go out with the next commit, an extra purge
    that is never wrong, where a lost one would leave a stale page.
    """
    pending.tags.update(tags)
    pending.hard |= hard
    pending.schedule |= schedule
    transaction.on_commit(flush, robust=True)


def flush() -> None:
    tags, hard, schedule = pending.tags, pending.hard, pending.schedule
    if not (tags or schedule):
        return  # an earlier callback of the same commit sent everything
    pending.__init__()
    cache = shared_cache()
    # A fresh random version per tag: no page stored under the old one matches it again. The epoch moves
    # too, so a render that began before this purge is not stored (serving/pagecache.py).
    versions = {tag_key(tag): secrets.randbits(62) for tag in tags}
    try:
        cache.set_many({**versions, EPOCH_KEY: secrets.randbits(62)}, timeout=None)
        if schedule:
            cache.delete(SCHEDULE_KEY)
    except frontcache.CACHE_ERRORS:
        # With the cache down no page is served from it either; pages stored before it went down are
        # keyed to versions it lost. Log loudly and still tell the front caches.
        frontcache.logger.exception("Could not purge %d tags in the app cache.", len(tags))
    if tags:
        frontcache.send(sorted(tags), hard=hard)
