"""Cache tags: a response names what it shows (`add(request, "story-12", "section-3")`), and a change
purges the tags it affects (serving/purges.py). In the shared cache each tag has a version, which a
purge replaces; a cached page is served only while its tags keep the versions it was rendered under.
"""
from django.conf import settings
from django.core.cache import caches

EPOCH_KEY = "serving:epoch"  # changes with every purge: a render that saw one in flight is not stored
SCHEDULE_KEY = "serving:next-change:v2"  # a clock.KeptChange; v2: it was a bare tuple


def add(request, *tags: str) -> None:
    """Say that the response to `request` shows `tags`."""
    request.__dict__.setdefault("cache_tags", set()).update(tags)


def keep_in_browsers(request, seconds: int) -> None:
    """Let browsers keep the response `seconds` (never past the next scheduled change): for a small
    document polled every few seconds (live/head.json). No purge reaches a browser: keep it short."""
    request.browser_max_age = seconds


def tag_key(tag: str) -> str:
    return f"serving:tag:{tag}"


def shared_cache():
    return caches[settings.PAGE_CACHE_ALIAS]
