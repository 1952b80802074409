"""What live coverage shows in cached responses, and what a change to it purges (serving/, README "Caching").

Tags: `live-<story id>` on every response showing the newest state of a story's coverage (the story's
page, head.json, its key-events feed); `liveentries-<story id>` on those showing entries already out
(the story's page, ranges, older pages, edits). A new entry purges the first only: ranges and older
pages never change when an entry is added. An edit, deletion or pin purges both. Each also carries
`story-<id>`, so a withdrawn story leaves them all, and the tags of the photos and authors its entries show
(`name_shown`), so a caption, credit or name changed reaches them.

An entry scheduled for later, and a scheduled update of a story (live/updates.py), move the clock cap
(`next_change`): no cached response outlives their second.

Breaking-news alerts: every page with the banner's place carries `alerts` (live/alerts.py). An alert made,
changed, ended or deleted purges it, and so does its story's publication or withdrawal; an alert's expiry
caps every copy, as a scheduled story's time does.
"""
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from articles.caching import SCHEDULE_FIELDS, photo_tags, register_showing, shown_soon, soon
from articles.models import Article
from photos.models import Agency, Photo
from serving import clock
from serving.purges import purge
from serving.tags import add as add_tags

from .alerts import ALERTS_TAG
from .models import Alert, LiveCoverage, LiveEntry, ScheduledUpdate
from .services import pins_due
from .updates import apply_due


LIVE_LISTING_TAG = "live-coverage"  # on lists filtered by whether coverage is open (the API's `?live=`)


def newest_tags(article_id) -> list[str]:
    return [f"story-{article_id}", f"live-{article_id}"]


# A story's lastmod follows its newest published entry (page.last_entry_at) and the sitemaps carry no story's
# tag, so an entry readers see, new, edited or deleted, purges them. (The story's page, its feed items and API
# items, whose modified time follows the entry too, carry `story-<id>`.)
SITEMAPS_TAG = "sitemaps"


def entries_tags(article_id) -> list[str]:
    return [f"story-{article_id}", f"liveentries-{article_id}"]


def name_newest(request, article_id) -> None:
    add_tags(request, *newest_tags(article_id))


def name_entries(request, article_id) -> None:
    add_tags(request, *entries_tags(article_id))


def name_shown(request, entries) -> None:
    """What the entries shown carry besides their text: photos (caption, credit line) and authors' names."""
    for entry in entries:
        add_tags(request, *photo_tags(entry.photo), *([f"author-{entry.author_id}"] if entry.author_id else []))


def stories_showing(photo) -> list[str]:
    """The tags of the stories with an entry readers may read showing `photo` (photos.uses, for renditions)."""
    stories = LiveEntry.objects.published().filter(photo=photo).values_list("coverage__article_id", flat=True)
    return [f"story-{pk}" for pk in stories.distinct()]


def stories_showing_photo(photo) -> Q:
    """The stories with an entry readers may read showing `photo` (articles.caching.register_showing): its
    credit fixed in the library is a change of those stories, as of one with it as lead photo."""
    return Q(pk__in=LiveEntry.objects.published().filter(photo=photo).values("coverage__article_id"))


def stories_showing_agency(agency) -> Q:
    return Q(pk__in=LiveEntry.objects.published().filter(photo__agency=agency).values("coverage__article_id"))


def photos_going_out() -> Q:
    """The photos on entries out or scheduled, whatever their story's state: the desk's rule for who may still
    change a photo (photos.uses). A story's publication checks its own photos, not its entries': withdrawn for a
    while, its entries' photos would otherwise come back with whatever was done to them meanwhile."""
    entries = LiveEntry.objects.filter(status=LiveEntry.Status.PUBLISHED, deleted_at__isnull=True, photo__isnull=False)
    return Q(pk__in=entries.values("photo_id"))


def next_change(now) -> list:
    """The first entry to go out after `now`, and the first update to apply and pin to put up, due ones included:
    the clock does those (`due_work`) before any page is rendered once its kept moment
    has passed (serving/clock.py). Each is grouped by a column that has one value under its filter, so that
    it is a plain query a UNION can hold (no ORDER BY or LIMIT inside)."""
    entries = LiveEntry.objects.filter(status=LiveEntry.Status.PUBLISHED, published_at__gt=now, deleted_at__isnull=True)
    return [
        entries.order_by().values("status").annotate(moment=Min("published_at")).values_list("moment"),
        ScheduledUpdate.objects.pending().order_by().values("applied_at").annotate(moment=Min("publish_at")).values_list("moment"),
        Alert.objects.filter(expires_at__gt=now).order_by().values_list("expires_at"),  # a handful at most
        # Entries pinned before their time, due ones included: `pins_due` pins them once they are out.
        LiveEntry.objects.filter(pin_when_out=True, deleted_at__isnull=True).order_by().values("pin_when_out")
        .annotate(moment=Min("published_at")).values_list("moment"),
    ]


def due_work() -> None:
    """What the clock does once a moment has come, before any page is rendered: updates applied, pins put up."""
    apply_due()
    pins_due()


def remember_before(sender, instance, raw=False, **kwargs):
    instance._before = None if raw or instance.pk is None else (
        LiveEntry.objects.filter(pk=instance.pk).only("status", "published_at", "deleted_at", "photo").first()
    )


def entry_saved(sender, instance, raw=False, **kwargs):
    """An entry readers see (or will before a cached page expires) purges its story's live tags."""
    if raw:
        return
    before = getattr(instance, "_before", None)
    article_id = instance.coverage.article_id
    published = LiveEntry.Status.PUBLISHED
    scheduled = published in (instance.status, getattr(before, "status", None))
    moved = scheduled and (before is None or (before.status, before.published_at) != (instance.status, instance.published_at))
    if not (scheduled and shown_soon(article_id)):
        if moved:
            purge([], schedule=True)
        return
    was_out = before is not None and before.status == published and before.published_at <= timezone.now()
    coming = moved and soon(instance.published_at)
    tags = [*newest_tags(article_id), SITEMAPS_TAG, *(entries_tags(article_id) if was_out or coming else [])]
    # A photo taken off an entry readers saw (swapped, or the entry taken back) may no longer be public: no
    # cache serves it stale meanwhile.
    still_out = instance.status == published and instance.published_at <= timezone.now()
    photo_left = was_out and before.photo_id is not None and (before.photo_id != instance.photo_id or not still_out)
    tags += [f"photo-{before.photo_id}"] if photo_left else []
    purge(tags, hard=instance.is_deleted or coming or photo_left, schedule=moved)


def entry_deleted(sender, instance, **kwargs):
    if instance.status == LiveEntry.Status.PUBLISHED and shown_soon(instance.coverage.article_id):
        article_id = instance.coverage.article_id
        if seen(instance):
            # Its row is gone (its coverage deleted with it), so the entries' time of change (page.last_entry_at)
            # no longer counts it: the story's own says the page changed now, or its time would step back.
            Article.objects.filter(pk=article_id).update(updated_at=timezone.now())
        purge([*newest_tags(article_id), *entries_tags(article_id), SITEMAPS_TAG], hard=True, schedule=True)


def seen(entry) -> bool:
    """Whether readers saw the entry: out before it was deleted, if it was (as page.last_entry_at counts it)."""
    return entry.published_at <= timezone.now() and (entry.deleted_at is None or entry.deleted_at >= entry.published_at)


def coverage_changed(sender, instance, **kwargs):
    """Opened, closed or deleted: the story's page says "Live" or "Ended", head.json its state, and the
    API's lists of live stories (`?live=`) gain or lose it."""
    if shown_soon(instance.article_id):
        purge([*newest_tags(instance.article_id), *entries_tags(instance.article_id), LIVE_LISTING_TAG])


def alert_changed(sender, instance=None, action="post_", raw=False, created=False, **kwargs):
    """Made, edited, ended or deleted, its sites or sections changed: every page with the banner, and the clock
    (its expiry). Only a new alert purges softly (a copy served while one request fetches the new one lacks it a
    moment); any other change may take it off a page (a first site or section narrows it), so no copy keeps it."""
    if raw or not action.startswith("post_"):
        return
    purge([ALERTS_TAG], hard=not created, schedule=True)


def story_saved(sender, instance, raw=False, **kwargs):
    """An alert shows while its story is public: the story's publication or withdrawal puts it on or off every
    page, and a publication or expiry moved nearer than a cached page lives caps them no more (their copies
    took the old moment): both purge the banner's tag, hard unless the story just came out."""
    before = getattr(instance, "_before", None)  # articles/caching.py read it
    if raw or before is None:
        return
    moved = any(getattr(before, name) != getattr(instance, name) for name in SCHEDULE_FIELDS)
    if (moved or before.is_published != instance.is_published) and \
            Alert.objects.filter(article=instance, expires_at__gt=timezone.now()).exists():
        purge([ALERTS_TAG], hard=not (instance.is_published and not before.is_published))


def connect() -> None:
    """Called from LiveConfig.ready()."""
    clock.register(next_change, due=due_work)
    pre_save.connect(remember_before, sender=LiveEntry, dispatch_uid="live:entry-before")
    post_save.connect(entry_saved, sender=LiveEntry, dispatch_uid="live:entry")
    register_showing(Photo, stories_showing_photo)
    register_showing(Agency, stories_showing_agency)
    post_delete.connect(entry_deleted, sender=LiveEntry, dispatch_uid="live:entry-deleted")
    post_save.connect(coverage_changed, sender=LiveCoverage, dispatch_uid="live:coverage")
    post_delete.connect(coverage_changed, sender=LiveCoverage, dispatch_uid="live:coverage-deleted")
    post_save.connect(alert_changed, sender=Alert, dispatch_uid="live:alert")
    post_delete.connect(alert_changed, sender=Alert, dispatch_uid="live:alert-deleted")
    for relation in (Alert.domains.through, Alert.sections.through):
        m2m_changed.connect(alert_changed, sender=relation, dispatch_uid=f"live:alert-{relation.__name__}")
    post_save.connect(story_saved, sender=Article, dispatch_uid="live:alert-story")
