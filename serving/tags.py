"""Cache tags: a response names what it shows (`add(request, "story-12", "section-3")`), and a change
purges the tags it affects (serving/purges.py). In the shared cache, purges are numbered and each one's
tags are kept for as long as a cached page lives: a cached page is served only while no purge since
its render named one of its tags.
"""
import math
import time

from django.conf import settings
from django.core.cache import caches

PURGES_KEY = "serving:purges"  # the latest purge's number: each purge takes the next one
SCHEDULE_KEY = "serving:next-change:v3"  # a clock.KeptChange; v3: kept with the purge number


def add(request, *tags: str) -> None:
    """Say that the response to `request` shows `tags`."""
    request.__dict__.setdefault("cache_tags", set()).update(tags)


def add_around(request, *tags: str) -> None:
    """Say that the response shows `tags` around its content, as every page does (the breaking-news banner):
    named with the page's own tags, they do not make a page that names nothing cacheable."""
    request.__dict__.setdefault("around_tags", set()).update(tags)


def purge_key(number: int) -> str:
    """Where purge `number` keeps the tags it purged."""
    return f"serving:purge:{number}"


def start_count(cache, key: str) -> None:
    """Start a shared count (the purges; domains' generations) if the cache has none (new, flushed or
    evicted). It starts at the clock's nanoseconds, above any count the cache lost (changes are far fewer
    than nanoseconds): nothing kept under a lost number ever looks current."""
    cache.add(key, time.time_ns(), timeout=None)


def count(cache, key: str) -> int | None:
    """The count's number, started if need be (None only in a cache that keeps nothing)."""
    number = cache.get(key)
    if number is None:
        start_count(cache, key)
        number = cache.get(key)
    return number


def next_count(cache, key: str) -> int:
    """Take the count's next number. ValueError in a cache that keeps nothing (DummyCache)."""
    start_count(cache, key)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between the two: started again
        start_count(cache, key)
        return cache.incr(key)


def changes_at(request, moment) -> None:
    """Say that the response changes by itself at `moment` (a datetime) besides the clock's schedule, as a
    window of time does (the news sitemap's last 48 hours): no cached copy outlives it."""
    request.changes_at = min(getattr(request, "changes_at", math.inf), moment.timestamp())


def keep_in_browsers(request, seconds: int) -> None:
    """Let browsers keep the response `seconds` (never past the next scheduled change): for a small
    document polled every few seconds (live/head.json). No purge reaches a browser: keep it short."""
    request.browser_max_age = seconds


def shared_cache():
    return caches[settings.PAGE_CACHE_ALIAS]
