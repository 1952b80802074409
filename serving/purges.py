"""Purges: apps say what a change purges, from their own signal receivers (AppConfig.ready), with
`purge(["story-12", "home"])`. Tags are collected per thread and purged together once the transaction
commits: in the app's page cache (a numbered record of the tags) and in every front cache (FRONT_CACHES).
"""
import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from . import frontcache
from .tags import PURGES_KEY, SCHEDULE_KEY, purge_key, shared_cache, start_count


class Pending(threading.local):
    """The tags purged in this thread's transaction, waiting for its commit."""

    def __init__(self):
        self.tags, self.hard, self.schedule = set(), False, False


pending = Pending()
PURGE_RECORD_MARGIN = 60  # seconds a purge's record outlives the longest-lived page, for clock skew


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


def next_count(cache, key: str) -> int:
    """Take a shared count's next number (serving.tags.count). ValueError in a cache that keeps nothing."""
    start_count(cache, key)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between the two: started again
        start_count(cache, key)
        return cache.incr(key)


def longest_lifetime() -> int:
    """The longest any cache may keep a page, in seconds: a schedule moved nearer than this needs a purge."""
    front = settings.PAGE_CACHE_S_MAXAGE + max(settings.PAGE_CACHE_STALE_WHILE_REVALIDATE, settings.PAGE_CACHE_STALE_IF_ERROR)
    return max(settings.PAGE_CACHE_SECONDS, front)


def flush() -> None:
    tags, hard, schedule = pending.tags, pending.hard, pending.schedule
    if not (tags or schedule):
        return  # an earlier callback of the same commit sent everything
    pending.__init__()
    cache = shared_cache()
    try:
        # The next number, then the tags under it, kept as long as a page it may concern: a page rendered
        # before this number is served again only if its tags are not among them (serving/pagecache.py).
        # A reader who sees the number before its tags treats the page as a miss.
        number = next_count(cache, PURGES_KEY)
        cache.set(purge_key(number), frozenset(tags), timeout=settings.PAGE_CACHE_SECONDS + PURGE_RECORD_MARGIN)
        if schedule:
            cache.delete(SCHEDULE_KEY)
    except ValueError:
        pass  # a cache that keeps nothing (DummyCache): no page is kept in it either
    except frontcache.CACHE_ERRORS:
        # With the cache down no page is served from it either, and a cache that lost its data restarts the
        # count, so its pages miss. One only unreachable from here keeps its pages until their lifetime
        # ends (PAGE_CACHE_SECONDS): log loudly, and still tell the front caches.
        frontcache.logger.exception("Could not purge %d tags in the app cache.", len(tags))
    if tags:
        frontcache.send(sorted(tags), hard=hard)
