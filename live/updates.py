"""Scheduled updates of a published story: an editor prepares a new headline, standfirst, body, lead
photo and body photos, and readers see it from its second on, on every page and through every cache.

No worker applies it. The update's moment is on the clock (live/caching.py), so no cached page outlives
it; the first request after it, which recomputes the clock before rendering (serving/pagecache.py), applies
every due update in one transaction, as a revision of the story, and its save purges the story's pages
like any edit (articles/caching.py). Two servers at that second: one applies, the other waits on the row
lock, then finds nothing left to do and renders the new version.

The desk may edit the live story after the update was prepared. The update remembers the text it was
prepared from (`base`), and is applied field by field: a field only the desk changed since keeps the
desk's words; a field only the update changes takes the update's. Where both changed the same field,
nothing is applied: the update is held, the story stays as readers see it, and the editor is told on
the update's page and the story's desk page (live/admin.py). Nobody's words are dropped silently.
"""
import logging

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from articles.caching import appearance_tags, soon
from articles.models import Article, ArticlePhoto
from articles.permissions import can_publish
from photos.publishing import article_photos, as_stored, photo_problems
from serving.purges import purge
from times.desk import desk_time

from .models import ScheduledUpdate

logger = logging.getLogger(__name__)

UPDATED_FIELDS = ("headline", "standfirst", "body", "lead_photo", "photos")
# What else holds an update at its time, registered from the apps above (the desk's blocking notes): each takes
# the story and says why it may not change now, or "".
holds: list = []


def held_by(article: Article) -> str:
    return next((reason for hold in holds if (reason := hold(article))), "")
LABELS = {"headline": _lazy("headline"), "standfirst": _lazy("standfirst"), "body": _lazy("body"),
          "lead_photo": _lazy("lead photo"), "photos": _lazy("photos in the body")}  # read at display, in its language


def story_text(version) -> dict:
    """What an update replaces, of a story or of an update, as stored in `ScheduledUpdate.base`: the body
    photos as [photo id, caption] in their order."""
    return {
        "headline": version.headline, "standfirst": version.standfirst, "body": version.body, "lead_photo": version.lead_photo_id,
        "photos": [[use.photo_id, use.caption] for use in version.photo_uses.all()] if version.pk else [],
    }


def held_base(update: ScheduledUpdate) -> dict:
    """What a held update is merged against once it is saved again: the story as it is now for the fields both
    changed (its form shows them, to settle), and its own base for the rest, so that a fix the desk made since to
    a field the update leaves as it was is kept, not undone by the update's older copy of it."""
    _changes, conflicts = merge(update.article, update)
    current = story_text(update.article)
    return {**update.base, **{name: current[name] for name in conflicts}}


def merge(article: Article, update: ScheduledUpdate) -> tuple[dict, list[str]]:
    """Return the fields to write to the story, and the names of the fields both the desk and the update
    changed, differently, since the update was prepared."""
    current, wanted = story_text(article), story_text(update)
    changes, conflicts = {}, []
    for name, base in update.base.items():
        if wanted[name] in (base, current[name]):
            continue  # the update leaves it, or the desk already made the same change
        if current[name] == base:
            changes[name] = wanted[name]
        else:
            conflicts.append(name)
    return changes, conflicts


def schedule_moved(update: ScheduledUpdate) -> None:
    """Move the clock; pages cached before an update nearer than they may live are dropped now."""
    if soon(update.publish_at):
        purge(appearance_tags(update.article), hard=True, schedule=True)
    else:
        purge([], schedule=True)


@transaction.atomic
def update_schedule(*, article: Article, by, at, headline, standfirst="", body="", lead_photo=None, update=None, base=None) -> ScheduledUpdate:
    """Schedule (or reschedule) a new version of a published story for `at`. Editors only.

    `base` is the story's text the editor prepared it from (`story_text`, carried by the form); without it,
    an update keeps the base it has, and a new one is prepared from the story as it is now. Rescheduling a
    held update clears the hold: its form shows the story as it is now, and that is its new base."""
    if not can_publish(by):
        raise PermissionDenied
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError({"article": _("Only a published story can get a scheduled update.")})
    if at is None or at <= timezone.now():
        raise ValidationError({"publish_at": _("Choose a time in the future.")})
    update = update or ScheduledUpdate()
    if update.pk is None:
        update.created_by = by
    # Also as stored now, under its lock (the row's, whatever its state: a FOR UPDATE that matched only closed rows
    # neither waited for the clock applying it nor saw that): `update` may be a copy read before that committed.
    stored = ScheduledUpdate.objects.select_for_update().filter(pk=update.pk).values_list(
        "applied_at", "cancelled_at").first() if update.pk else None
    if update.pk and (update.applied_at or update.cancelled_at or stored is None or any(stored)):
        raise ValidationError(_("This update is no longer scheduled."))
    if problems := photo_problems([lead_photo]):
        raise ValidationError({"lead_photo": problems})  # every published photo carries its credit
    update.article, update.publish_at, update.held_at = article, at, None
    update.base = base or (update.base if update.pk else None) or story_text(article)
    update.headline, update.standfirst, update.body, update.lead_photo = headline, standfirst, body, lead_photo
    update.full_clean(exclude=["created_by"])
    update.save()
    schedule_moved(update)
    return update


@transaction.atomic
def update_cancel(*, update: ScheduledUpdate, by) -> ScheduledUpdate:
    """Cancel a pending update: the story stays as it is. Asked of the row as locked, not of `update` as read: the
    clock applying it at the same moment holds that lock, and its application is then refused, not stamped over."""
    if not can_publish(by):
        raise PermissionDenied
    stored = ScheduledUpdate.objects.select_for_update().filter(pk=update.pk).first()
    if stored is None:
        raise ValidationError(_("This update was deleted meanwhile: nothing to cancel."))
    if stored.applied_at:
        raise ValidationError(_("This update has already been applied; edit the story instead."))
    if stored.cancelled_at is None:
        stored.cancelled_at = timezone.now()
        stored.save(update_fields=["cancelled_at"])
    purge([], schedule=True)
    return stored


def apply_due() -> int:
    """Apply every update whose moment has come, oldest first; return how many were applied. One that fails
    is logged and left pending (the clock tries it again), so no reader's page breaks over it."""
    applied = 0
    for pk in ScheduledUpdate.objects.due().order_by("publish_at", "pk").values_list("pk", flat=True):
        try:
            applied += apply(pk)
        except (DatabaseError, ValidationError):
            logger.exception("Could not apply scheduled update %s; it stays pending.", pk)
    return applied


@transaction.atomic
def apply(pk) -> int:
    update = ScheduledUpdate.objects.due().select_for_update().filter(pk=pk).first()
    if update is None:
        return 0  # another server applied (or someone cancelled) it while this one waited for the lock
    article = Article.objects.select_for_update().get(pk=update.article_id)
    if not article.is_published:  # the gate's own twin: withdrawn, scheduled again or expired
        # Off the site at its time, perhaps for a moment: held for the editor, who may bring the story back and give
        # the update a new time, or cancel it. Cancelled here, it would be gone with no word to anyone.
        update.held_at = timezone.now()
        update.save(update_fields=["held_at"])
        logger.warning("Scheduled update %s held: its story was not on the site at its time.", pk)
        return 0
    if reason := held_by(article):
        update.held_at = timezone.now()
        update.save(update_fields=["held_at"])
        logger.warning("Scheduled update %s held: %s", pk, reason)
        return 0
    if problems := photo_problems(as_stored(article_photos(update))):  # a credit or alt text removed since it was scheduled
        # Held, as for the other refusals: tried again at every request, it would fail the same way.
        update.held_at = timezone.now()
        update.save(update_fields=["held_at"])
        logger.warning("Scheduled update %s held: %s", pk, " ".join(problems))
        return 0
    changes, conflicts = merge(article, update)
    if conflicts:
        update.held_at = timezone.now()
        update.save(update_fields=["held_at"])
        logger.warning("Scheduled update %s held: the desk changed %s since it was prepared.", pk, ", ".join(conflicts))
        return 0
    if changes:
        apply_changes(article, update, changes)
    update.applied_at = timezone.now()
    update.save(update_fields=["applied_at"])
    purge([], schedule=True)
    return 1


def apply_changes(article: Article, update: ScheduledUpdate, changes: dict) -> None:
    with reversion.create_revision(atomic=False):
        for name, value in changes.items():
            if name != "photos":
                setattr(article, "lead_photo_id" if name == "lead_photo" else name, value)
        article.updated_by = update.created_by  # its save, as its revision says: the desk names them, not the last saver
        article.save()
        if "photos" in changes:
            article.photo_uses.all().delete()
            for position, (photo_id, caption) in enumerate(changes["photos"]):
                ArticlePhoto.objects.create(article=article, photo_id=photo_id, caption=caption, position=position)
        reversion.set_user(update.created_by)
        reversion.set_comment(_("Scheduled update of %(when)s") % {"when": desk_time(update.publish_at)})


def held_message(update: ScheduledUpdate) -> str:
    when = desk_time(update.held_at)
    if problems := photo_problems(as_stored(article_photos(update))):
        return _("Held at %(when)s, not applied: %(problems)s Fix the photo, then choose a new time and save; or cancel "
                 "the update.") % {"when": when, "problems": " ".join(problems)}
    if reason := held_by(update.article):
        return _("Held at %(when)s, not applied. %(reason)s Then choose a new time and save; or cancel the update.") % {
            "when": when, "reason": reason}
    if not update.article.is_published:
        return _(
            "Held at %(when)s, not applied: the story was not on the site at that time (withdrawn, moved back "
            "on the desk, scheduled again or expired). Once it is on the site again, choose a new time and save; or "
            "cancel the update."
        ) % {"when": when}
    fields = ", ".join(str(LABELS[name]) for name in merge(update.article, update)[1])
    return _(
        "Held at %(when)s, not applied: since this update was prepared, the desk changed the live story's %(fields)s, "
        "and this update changes it too. Readers still see the story as it is. Compare below, bring this update's "
        "text in line with the live story, choose a new time and save; or cancel the update."
    ) % {"when": when, "fields": fields or _("text")}
