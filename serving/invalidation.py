"""Invalidate every cached public page at once, on every app server, when content changes.

Every cached page is tagged with the content *generation* number kept in the shared cache (Redis in
production) when it was rendered, and served only while that number is current. Any change that can
alter a public page bumps it, so the next request on any server misses and renders afresh. Simple and
correct beats clever: one counter for pages, no per-page dependency tracking. Page parts
(serving/fragments.py) have two more: a parts generation, and a counter per story for the rows that
belong to it alone.
"""
import functools
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
# Page parts (serving/fragments.py) outlive page generations; this one makes them stale.
PARTS_GENERATION_KEY = "pagecache:parts-generation"

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

# A story's parts (serving/fragments.py) are stamped with its own counter, STORY_STAMP_KEY. A change to
# the story's row, or a row added to or removed from it alone (a tagging, a byline, a photo in its body, a
# correction), bumps that counter and the pages, not every part: a new story's tags and bylines must not
# make every other story rebuild. Anything else bumps every part.
STORY_MODEL = "articles.Article"
STORY_STAMP_KEY = "pagecache:story:{pk}"
STORY_STAMP_SECONDS = 24 * 60 * 60  # a lost counter restarts from the clock, so expiry is harmless


def tagged_story(item) -> list | None:
    from django.contrib.contenttypes.models import ContentType

    tagged = ContentType.objects.get_for_id(item.content_type_id).model_class()
    return [item.object_id] if tagged is not None and tagged._meta.label == STORY_MODEL else None


# New rows of these show on no page until a story refers to them (a tagging, a lead or body photo, a
# byline), which is a change to that story: creating one leaves every part alone. An upload is not a
# reason to rebuild every story.
UNSEEN_WHEN_CREATED = {"taggit.Tag", "photos.Photo", "photos.Agency", settings.AUTH_USER_MODEL}

# For each model whose rows belong to one story: the ids of the stories a row belongs to.
STORY_ROWS = {
    STORY_MODEL: lambda article: [article.pk],
    "articles.Correction": lambda correction: [correction.article_id],
    "photos.ArticlePhoto": lambda use: [use.article_id],
    "taggit.TaggedItem": tagged_story,
}


def shared_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation(cache=None, *, key=GENERATION_KEY, timeout=None) -> int:
    """Return the content generation, starting one if the cache has none (first run, or evicted)."""
    cache = cache or shared_cache()
    generation = cache.get(key)
    if generation is None:
        # Start from the clock, not from 1: a cache that lost the counter but kept pages (an
        # eviction, a restored snapshot) must never find an old generation's pages again.
        cache.add(key, time.time_ns(), timeout=timeout)
        generation = cache.get(key)
    return generation


def page_cache_bump(cache=None, *, parts=True, stories=()) -> None:
    """Make every cached public page stale, on every app server; with `parts` every page part too.

    Pass parts=False only for a change no page part shows (its search vector), or that only the parts of
    `stories` show (their rows, taggings, bylines, photos, corrections): their stamps are bumped.
    """
    cache = cache or shared_cache()
    counters = [(GENERATION_KEY, None)] + ([(PARTS_GENERATION_KEY, None)] if parts else [])
    counters += [(STORY_STAMP_KEY.format(pk=pk), STORY_STAMP_SECONDS) for pk in stories]
    for key, timeout in counters:
        try:
            try:
                cache.incr(key)
            except ValueError:  # no counter yet: a fresh one is newer than any page stored before
                cache.add(key, time.time_ns(), timeout=timeout)
        except CACHE_ERRORS:
            # Never block a withdrawal because the cache is unreachable: with the cache down no page is
            # served from it either. Log loudly; README ("Caching") says what to check.
            logger.exception("Could not bump the page-cache generation; cached pages may be stale.")


def bump_now_and_on_commit(*, stories=None) -> None:
    """Bump at once and again when the transaction commits: the pages, and the parts of `stories` (a
    list of story ids), or every part when `stories` is None.

    The second bump closes a race: a reader rendering between the first bump and the commit still
    sees the old rows and would store them under the new generation. Outside a transaction the change
    is committed already, and on_commit runs at once: one bump, not two in a row (each would make the
    next reader of every page wait for a render).
    """
    bump = functools.partial(page_cache_bump, parts=stories is None, stories=stories or ())
    if transaction.get_connection().in_atomic_block:
        bump()
    transaction.on_commit(bump, robust=True)


def stories_of(instance) -> list | None:
    """The stories `instance` belongs to alone, or None when it may show on any story (a photo, a section)."""
    rows = STORY_ROWS.get(instance._meta.label)
    return rows(instance) if rows else None


def on_save(sender, instance, created=False, update_fields=None, **kwargs):
    ignored = IGNORED_UPDATE_FIELDS.get(sender._meta.label)
    if ignored and update_fields and set(update_fields) <= ignored:
        return
    label = sender._meta.label
    if created and label in UNSEEN_WHEN_CREATED:
        bump_now_and_on_commit(stories=[])  # the listings may count it (a tag page); no part shows it yet
    elif created or label == STORY_MODEL:
        bump_now_and_on_commit(stories=stories_of(instance))
    else:
        # An edited tagging, body photo or correction may have moved to another story, and which one
        # it left is not known here: every part. Such edits are rare; creations and deletions are not.
        bump_now_and_on_commit(stories=None)


def on_delete(sender, instance, **kwargs):
    bump_now_and_on_commit(stories=stories_of(instance))


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if instance._meta.label == STORY_MODEL:  # a story's bylines or tags
        stories = [instance.pk]
    elif model._meta.label == STORY_MODEL and pk_set is not None:  # a user's bylines, a tag's stories
        stories = list(pk_set)
    else:
        stories = None
    bump_now_and_on_commit(stories=stories)


def connect_invalidation(models=None) -> None:
    for label in models or PAGE_MODELS:
        model = apps.get_model(label)
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(on_m2m_changed, sender=through, dispatch_uid=f"pagecache:{through._meta.label}:m2m")
