"""The live desk's writes: open and close coverage, write, publish, edit, pin and delete entries.

Roles as for stories (articles/permissions.py): editors do everything; a journalist writes entries, which
wait for an editor unless the coverage lets journalists post directly, and may edit or delete only their
own entries still in review. Every function checks the user itself: a forged POST gets PermissionDenied.
"""
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.caching import shown_change
from articles.models import Article
from articles.permissions import can_publish
from people.names import person_name
from photos.models import Photo
from photos.publishing import as_stored, photo_problems
from security.stale_forms import fingerprint_of
from times.desk import desk_time

from .models import Alert, LiveCoverage, LiveEntry, LiveEntryChange

logger = logging.getLogger(__name__)


def can_write_entries(user) -> bool:
    return user.has_perm("live.add_liveentry")


def can_change_entry(user, entry: LiveEntry) -> bool:
    if can_publish(user):
        return True
    return can_write_entries(user) and entry.author_id == user.pk and entry.status == LiveEntry.Status.REVIEW


def next_change(coverage: LiveCoverage) -> int:
    """Take the coverage's next change number, holding its row until commit (one writer at a time), and read
    whether it is still open."""
    locked = LiveCoverage.objects.select_for_update().get(pk=coverage.pk)
    locked.changes += 1
    LiveCoverage.objects.filter(pk=coverage.pk).update(changes=locked.changes)
    coverage.changes, coverage.ended_at = locked.changes, locked.ended_at
    return locked.changes


def check_open(coverage: LiveCoverage) -> None:
    if not coverage.is_open:
        raise ValidationError(_("This coverage has ended: no more entries."))


def coverage_start(*, article, by, allow_direct_posting=False) -> LiveCoverage:
    if not can_publish(by):
        raise PermissionDenied
    coverage, created = LiveCoverage.objects.get_or_create(article=article, defaults={"allow_direct_posting": allow_direct_posting})
    if not created and coverage.ended_at is not None:
        coverage.ended_at = None
        coverage.save(update_fields=["ended_at"])  # as closing does: a change number taken since stays
    return coverage


@transaction.atomic
def coverage_end(*, coverage: LiveCoverage, by) -> LiveCoverage:
    """Close the coverage: no more entries, and the page says "Ended". Refused while an entry is scheduled
    for later: it would go out on a page that says "Ended", to readers whose script has stopped."""
    if not can_publish(by):
        raise PermissionDenied
    # The row lock put_out() takes: no entry is put out or scheduled while this one decides.
    locked = LiveCoverage.objects.select_for_update().get(pk=coverage.pk)
    if locked.ended_at is None:
        scheduled = coverage.entries.filter(status=LiveEntry.Status.PUBLISHED, published_at__gt=timezone.now(), deleted_at__isnull=True)
        if first := scheduled.order_by("published_at").first():
            raise ValidationError(_(
                "An entry is scheduled for %(when)s: the coverage stays open. Delete the scheduled entries, or "
                "close it once they are out."
            ) % {"when": desk_time(first.published_at)})
    coverage.ended_at = locked.ended_at or timezone.now()
    coverage.save(update_fields=["ended_at"])  # not `changes`: a number taken since this copy was read stays
    return coverage


def check_time(at):
    # Never backdated: what readers see must stay a prefix of the stream (live/models.py).
    if at is not None and at < timezone.now():
        raise ValidationError({"published_at": _("An entry goes out now or later, never in the past.")})


@transaction.atomic
def entry_create(*, coverage: LiveCoverage, by, body, kind=LiveEntry.Kind.UPDATE, headline="", photo=None, at=None) -> LiveEntry:
    """Write an entry: an editor's goes out now (or at `at`); a journalist's waits for review unless the
    coverage allows direct posting, and a journalist may not choose its time."""
    if not can_write_entries(by):
        raise PermissionDenied
    check_open(coverage)
    editor = can_publish(by)
    if at is not None and not editor:
        raise PermissionDenied
    check_time(at)
    entry = LiveEntry(coverage=coverage, kind=kind, headline=headline, body=body, photo=photo, author=by)
    entry.full_clean(exclude=["coverage", "author"])
    if editor or coverage.allow_direct_posting:
        put_out(entry, at)
    entry.save()
    return entry


def lock(entry: LiveEntry) -> None:
    """Hold the entry's row until commit and read it as it is: a change decided on a copy read earlier (the
    page's) must not write that copy back over a change committed since (an edit, a deletion).

    The coverage's row first, as every change of its entries takes it (next_change): one order for all, so
    a pin, which also unpins the entry pinned before, cannot deadlock with a colleague's edit of that entry."""
    LiveCoverage.objects.select_for_update().filter(pk=entry.coverage_id).exists()
    LiveEntry.objects.select_for_update().filter(pk=entry.pk).exists()
    try:
        entry.refresh_from_db()
    except LiveEntry.DoesNotExist:  # its story deleted while this waited for the coverage's row
        raise ValidationError(_("This entry's story was deleted meanwhile: nothing was changed.")) from None


def lock_coverage_of(sender, instance, **kwargs):
    """Before a story's deletion deletes its entries, take its coverage's row (see lock), after the story's own:
    a photo's save takes the stories showing it, then their coverages (lock_coverages_using), so a deletion that
    took the coverage first and the story's row last (deleting it) could wait for it in a circle."""
    list(Article.objects.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True))
    LiveCoverage.objects.select_for_update().filter(article_id=instance.pk).exists()


def entries_using(photos):
    """The entries out or scheduled with any of `photos`, whatever their story's state: what a photo's save may
    renumber by the time it commits (an entry's time comes, its story comes back), so what it locks first."""
    return LiveEntry.objects.filter(status=LiveEntry.Status.PUBLISHED, deleted_at__isnull=True, photo__in=photos)


def agency_photos_out(since, until):
    """(agency, story, moment) for each agency photo an entry put out in [since, until), staff photos left out:
    the credit report's (articles/reports.py)."""
    return (LiveEntry.objects.went_out_between(since, until).filter(photo__agency__isnull=False)
            .exclude(photo__credit_type=Photo.CreditType.STAFF)
            .values_list("photo__agency", "coverage__article", "went_out_at"))


def stories_using(photos) -> Q:
    """The stories whose entries use any of `photos` (articles' lock_stories_using takes them with the rest)."""
    return Q(pk__in=entries_using(photos).values("coverage__article_id"))


def lock_coverages_using(photos) -> None:
    """Lock the coverages whose entries use any of `photos`, in id order (photos.uses, after the stories, before
    the photo's row): the order in which entry changes take the coverage and then the photo (check_photo)."""
    coverages = LiveCoverage.objects.filter(pk__in=entries_using(photos).values("coverage_id"))
    list(coverages.select_for_update().order_by("pk").values_list("pk", flat=True))


def entries_photo_changed(*, photos) -> None:
    """A caption, alt text, credit or image changed in the photo library (or an agency renamed): each entry readers
    see with one of `photos` takes a new revision, as its edit would, so pages open on the story fetch it again and
    show the new credit (pollers fetch only entries whose revision moved). No record: its text did not change, and
    an edit form open on the entry still saves (entry_edit compares the words, not the revision).
    Each coverage under its own lock, taken before the photo's row by the save (photos.uses.lock_users)."""
    entries_renumbered(LiveEntry.objects.published().filter(photo__in=photos))


def entries_renumbered(shown) -> None:
    """Each entry of `shown` (readers see them) takes a new revision, its coverage locked: open pages fetch it again."""
    for coverage in LiveCoverage.objects.filter(pk__in=shown.values("coverage_id")).order_by("pk"):
        with transaction.atomic():  # a script's save in autocommit: the lock and the numbers together
            LiveCoverage.objects.select_for_update().filter(pk=coverage.pk).exists()  # as lock(entry) takes it
            # Read again under the lock: an entry edited, deleted or swapped off the photo meanwhile is as it is now.
            for entry in shown.filter(coverage=coverage).select_for_update(of=("self",)).order_by("pk"):
                entry.coverage = coverage
                entry.revision = next_change(coverage)
                entry.save(update_fields=["revision", "updated_at"])


def lock_for_editor(entry: LiveEntry, by, refusal: str) -> None:
    """An editor's action on the entry as it is now (locked, as above); `refusal` if it was deleted."""
    if not can_publish(by):
        raise PermissionDenied
    lock(entry)
    if entry.is_deleted:
        raise ValidationError(refusal)


def check_photo(entry: LiveEntry) -> None:
    """An entry goes out only with a photo a story could be published with: credited and described."""
    if messages := photo_problems(as_stored([entry.photo])):  # after the coverage's lock, as every lock order has it
        raise ValidationError({"photo": messages})


def put_out(entry: LiveEntry, at=None) -> None:
    # The coverage's row lock first, then the time: a writer waiting for the lock reads a later "now", so no
    # entry is ever put out before one that readers already have. Then its photo's (check_photo).
    entry.stamp = entry.revision = next_change(entry.coverage)
    check_photo(entry)
    check_open(entry.coverage)  # as it is now, under the lock: closed meanwhile, the entry stays where it is
    entry.status = LiveEntry.Status.PUBLISHED
    entry.published_at = at or timezone.now()


@transaction.atomic
def entry_publish(*, entry: LiveEntry, by, at=None) -> LiveEntry:
    """An editor puts out an entry in review, or moves a scheduled one (now or later)."""
    lock_for_editor(entry, by, _("A deleted entry cannot be published."))
    if entry.status == LiveEntry.Status.PUBLISHED and entry.published_at <= timezone.now():
        raise ValidationError(_("This entry is already out."))
    check_time(at)
    put_out(entry, at)
    entry.save()
    LiveEntryChange.objects.create(entry=entry, action=LiveEntryChange.Action.PUBLISH, by=by)
    return entry


def entry_seen(entry: LiveEntry) -> str:
    """What an edit form shows of the entry and saves back, hashed (`seen`, security/stale_forms.py): its kind,
    headline, text and photo. Not its revision, which a credit fixed in the photo library or a pin also moves."""
    return fingerprint_of([str(entry.kind), entry.headline, entry.body, entry.photo_id])  # a Kind as its stored str


@transaction.atomic
def entry_edit(*, entry: LiveEntry, by, body, headline="", kind=None, photo=None, seen=None) -> LiveEntry:
    """Change an entry's text; the text before is kept in the record, and pollers get the new one. With `seen`
    (entry_seen of the entry as the editing form showed it), a colleague's edit made meanwhile is refused, not
    overwritten: `entry` is then the entry as it is now. An empty `seen` (a page that did not say what it showed,
    opened before forms carried it) is refused too: it could undo such an edit."""
    lock(entry)
    if not can_change_entry(by, entry) or entry.is_deleted:
        raise PermissionDenied
    if seen == "":
        raise ValidationError(_(
            "This page does not say what the entry read when you opened it, so a colleague's edit since could be "
            "undone: nothing was saved. What you typed is still below: check it against the entry and save again."
        ), code="changed")
    if seen is not None and seen != entry_seen(entry):
        changed = (LiveEntryChange.objects.filter(entry=entry, action=LiveEntryChange.Action.EDIT)
                   .select_related("by").order_by("-at", "-pk").first())
        raise ValidationError(_(
            "%(who)s changed this entry while you were editing it: nothing was saved. It now reads: “%(text)s”. "
            "What you typed is still below: bring it in line and save again."
        ) % {"who": person_name(changed.by) if changed and changed.by else _("A colleague"),
             "text": Truncator(f"{entry.headline} {entry.text}").words(60)}, code="changed")
    before = (entry.headline, entry.body)
    entry.headline, entry.body, entry.photo = headline, body, photo
    entry.kind = kind or entry.kind
    entry.full_clean(exclude=["coverage", "author"])
    if entry.status == LiveEntry.Status.PUBLISHED:
        check_photo(entry)
    entry.revision = next_change(entry.coverage)
    entry.save()
    LiveEntryChange.objects.create(entry=entry, action=LiveEntryChange.Action.EDIT, by=by,
                                   headline_before=before[0], body_before=before[1])
    return entry


@transaction.atomic
def entry_delete(*, entry: LiveEntry, by) -> LiveEntry:
    """Delete an entry: its text leaves every surface, its place in the stream stays as a tombstone, and
    the record keeps what it said."""
    lock(entry)
    if not can_change_entry(by, entry):
        raise PermissionDenied
    if entry.is_deleted:
        return entry
    LiveEntryChange.objects.create(entry=entry, action=LiveEntryChange.Action.DELETE, by=by,
                                   headline_before=entry.headline, body_before=entry.body)
    entry.deleted_at = timezone.now()
    entry.headline, entry.body, entry.photo, entry.is_pinned, entry.pin_when_out = "", "", None, False, False
    entry.revision = next_change(entry.coverage)
    entry.save()
    return entry


@transaction.atomic
def entry_pin(*, entry: LiveEntry, by, pinned=True) -> LiveEntry:
    """Pin an entry above the stream (unpinning any other), or unpin it. One scheduled for later is pinned when it
    goes out (`pin_when_out`, done by `pins_due`): the pinned entry readers have stays until then."""
    lock_for_editor(entry, by, _("A deleted entry cannot be pinned."))
    if pinned and entry.status != LiveEntry.Status.PUBLISHED:
        # Pinned now, it would take the pinned entry readers have off the page, and show none until it is out.
        raise ValidationError(_("This entry is still in review: publish it, then pin it. The pinned entry stays."))
    later = pinned and entry.published_at > timezone.now()
    # The coverage's row first: a colleague's pin committed while this one waited for it is then read below
    # and replaced, not run into (the one-pin constraint, a 500).
    entry.revision = next_change(entry.coverage)
    if pinned:  # the later pin replaces an earlier one, out or still to come
        unpin_others(entry, by, pending_only=later)
    entry.is_pinned, entry.pin_when_out = pinned and not later, later
    entry.save()
    LiveEntryChange.objects.create(entry=entry, action=LiveEntryChange.Action.PIN if pinned else LiveEntryChange.Action.UNPIN, by=by)
    return entry


def unpin_others(entry: LiveEntry, by, *, pending_only=False) -> None:
    """Unpin the coverage's other pinned entry, and any other waiting to be pinned when it goes out."""
    others = Q(pin_when_out=True) if pending_only else Q(is_pinned=True) | Q(pin_when_out=True)
    for other in LiveEntry.objects.filter(others, coverage=entry.coverage).exclude(pk=entry.pk):
        other.is_pinned, other.pin_when_out, other.revision = False, False, next_change(entry.coverage)
        other.save(update_fields=["is_pinned", "pin_when_out", "revision", "updated_at"])
        LiveEntryChange.objects.create(entry=other, action=LiveEntryChange.Action.UNPIN, by=by)


def pins_due() -> int:
    """Pin the entries pinned before their time that have gone out; return how many. The clock runs it before any
    page is rendered once their moment has passed (live/caching.py), as it applies scheduled updates, and likewise
    a pin it cannot make (a lock timeout, its story deleted meanwhile) is logged and left to the next request: no
    reader's page breaks over it, and readers keep the pin they have."""
    pinned = 0
    for pk in LiveEntry.objects.filter(pin_when_out=True, deleted_at__isnull=True, published_at__lte=timezone.now()).values_list("pk", flat=True):
        try:
            pinned += pin_due(pk)
        except (DatabaseError, ValidationError, LiveEntry.DoesNotExist):
            logger.exception("Could not pin live entry %s at its time; the clock tries again.", pk)
    return pinned


@transaction.atomic
def pin_due(pk) -> int:
    entry = LiveEntry.objects.select_related("coverage").get(pk=pk)
    lock(entry)  # as it is now: unpinned, deleted or another pinned meanwhile
    if not entry.pin_when_out or entry.is_deleted or entry.published_at > timezone.now():
        return 0
    by = entry.changes.filter(action=LiveEntryChange.Action.PIN).order_by("-at", "-pk").values_list("by", flat=True).first()
    entry.revision = next_change(entry.coverage)
    unpin_others(entry, by and get_user_model().objects.filter(pk=by).first())
    entry.is_pinned, entry.pin_when_out = True, False
    entry.save(update_fields=["is_pinned", "pin_when_out", "revision", "updated_at"])
    return 1


def renumber_entries_showing(fields, photos):
    """A post_save receiver for Photo or Agency (`photos(instance)`: the photos whose credit line it words), after
    articles' (which stamps the stories): a change readers see renumbers the entries showing it."""
    def receiver(sender, instance, created=False, raw=False, **kwargs):
        if not (created or raw) and shown_change(instance, fields):
            entries_photo_changed(photos=photos(instance))
    return receiver


def lock_coverages_by(person) -> None:
    """Lock the coverages of the entries readers see under `person`, in id order (a name's correction renumbers them):
    registered with people.locks, so their account's form takes them before the account's row."""
    shown = LiveEntry.objects.published().filter(author=person).values("coverage_id")
    list(LiveCoverage.objects.select_for_update().filter(pk__in=shown).order_by("pk").values_list("pk", flat=True))


def renumber_entries_by(fields):
    """A post_save receiver for the user model, after articles' (which stamps the stories they byline): a name
    corrected (`fields`) renumbers the entries readers see under it, so open pages show the name as it is now."""
    def receiver(sender, instance, created=False, raw=False, **kwargs):
        if not (created or raw) and shown_change(instance, fields):
            entries_renumbered(LiveEntry.objects.published().filter(author=instance))
    return receiver


@transaction.atomic
def alert_end(*, alert: Alert, by) -> Alert:
    """Take an alert down now. Only its expiry is written, on the row as stored now (locked): a colleague's rewording
    committed after `alert` was read is kept, not written over by this copy."""
    if not can_publish(by):
        raise PermissionDenied
    stored = Alert.objects.select_for_update().filter(pk=alert.pk).first()
    if stored is None:
        raise ValidationError(_("This alert was deleted meanwhile: nothing to end."))
    stored.expires_at = min(stored.expires_at, timezone.now())
    stored.save(update_fields=["expires_at"])
    return stored
