"""Cache tags: a view names what its response shows (`add(request, "story-12", "section-3")`); a change
purges the tags it affects (serving/purges.py). Purges are numbered in the shared cache, each keeping its tags."""
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
    """Say that the response shows `tags` around its content (the breaking-news banner): alone, they do not
    make a page that names nothing cacheable."""
    request.__dict__.setdefault("around_tags", set()).update(tags)


def changes_at(request, moment) -> None:
    """Say that the response changes by itself at `moment` besides the clock's schedule (the news sitemap's
    last 48 hours): no cached copy outlives it."""
    request.changes_at = min(getattr(request, "changes_at", math.inf), moment.timestamp())


def keep_in_browsers(request, seconds: int) -> None:
    """Let browsers keep the response `seconds` (never past the next change), for a document polled every few
    seconds (live/head.json). No purge reaches a browser: keep it short."""
    request.browser_max_age = seconds


def purge_key(number: int) -> str:
    """Where purge `number` keeps the tags it purged."""
    return f"serving:purge:{number}"


def start_count(cache, key: str) -> None:
    """Start a shared count (the purges; domains' generations) if the cache has none. It starts at the
    clock's nanoseconds, above any count the cache lost: nothing kept under a lost number looks current."""
    cache.add(key, time.time_ns(), timeout=None)


def count(cache, key: str) -> int | None:
    """The count's number, started if need be (None only in a cache that keeps nothing)."""
    number = cache.get(key)
    if number is None:
        start_count(cache, key)
        number = cache.get(key)
    return number


def shared_cache():
    return caches[settings.PAGE_CACHE_ALIAS]
