"""Invalidate every cached public page at once, on every app server, when content changes.

Every cached page is tagged with the content *generation* number kept in the shared cache (Redis in
production) when it was rendered, and served only while that number is current. Any change that can
alter a public page bumps it, so the next request on any server misses and renders afresh. Simple and
correct beats clever: one counter, no per-page dependency tracking.
"""
import logging
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a runtime dependency; LocMem raises nothing of its own
    RedisError = OSError
# What an unreachable or failing cache raises. Programming errors are not in here: they must surface.
CACHE_ERRORS = (OSError, RedisError)

GENERATION_KEY = "pagecache:generation"

# Every model whose rows can change a public page: add its "app_label.Model" here.
# Many-to-many relations of these models (bylines, tags) are followed automatically.
PAGE_MODELS = [
    "articles.Article",
    "articles.Section",
    "articles.Correction",
    "taggit.Tag",
    "taggit.TaggedItem",
    "photos.Photo",  # a caption or credit edit
    "photos.Agency",  # its short name is in every credit line
    "photos.ArticlePhoto",
    "domains.Domain",  # the footer lists the mirrors; canonical links name the primary
    "domains.SiteSettings",
    "domains.PlatformLink",
    settings.AUTH_USER_MODEL,  # bylines show the author's name
]

# Saves that touch only these fields change no public page (a login stamps last_login).
IGNORED_UPDATE_FIELDS = {settings.AUTH_USER_MODEL: {"last_login"}}


def shared_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation(cache=None) -> int:
    """Return the content generation, starting one if the cache has none (first run, or evicted)."""
    cache = cache or shared_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Start from the clock, not from 1: a cache that lost the counter but kept pages (an
        # eviction, a restored snapshot) must never find an old generation's pages again.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def page_cache_bump(cache=None) -> None:
    """Make every cached public page stale, on every app server."""
    cache = cache or shared_cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no counter yet: a fresh one is newer than any page stored before
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    except CACHE_ERRORS:
        # Never block a withdrawal because the cache is unreachable: with the cache down no page is
        # served from it either. Log loudly; README ("Caching") says what to check.
        logger.exception("Could not bump the page-cache generation; cached pages may be stale.")


def bump_now_and_on_commit(**kwargs) -> None:
    """Bump at once and again when the transaction commits.

    The second bump closes a race: a reader rendering between the first bump and the commit still
    sees the old rows and would store them under the new generation.
    """
    page_cache_bump()
    transaction.on_commit(page_cache_bump, robust=True)


def on_save(sender, update_fields=None, **kwargs):
    ignored = IGNORED_UPDATE_FIELDS.get(sender._meta.label)
    if ignored and update_fields and set(update_fields) <= ignored:
        return
    bump_now_and_on_commit()


def on_m2m_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        bump_now_and_on_commit()


def connect_invalidation(models=None) -> None:
    for label in models or PAGE_MODELS:
        model = apps.get_model(label)
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(bump_now_and_on_commit, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(on_m2m_changed, sender=through, dispatch_uid=f"pagecache:{through._meta.label}:m2m")
