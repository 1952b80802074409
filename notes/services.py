"""The notes' writes and the questions the desk asks them. Each write checks the caller's permission."""
import logging
import re
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext

from articles.models import Article, Section
from articles.permissions import can_publish

from .anchors import Anchor, anchor_in, locate, plain_text
from .models import Note, NoteMention, SharedPreview

logger = logging.getLogger(__name__)

MENTION = re.compile(r"(?<![\w@])@([\w.+-]*\w)")


def can_note(user, article: Article) -> bool:
    """Editors read and write notes on any story; journalists on the stories they write (a byline alone, left on an
    account whose role was taken away, is not enough)."""
    if not user.is_active or not user.is_staff:
        return False
    return can_publish(user) or (
        user.has_perm("articles.change_article") and Article.objects.by_author(user).filter(pk=article.pk).exists()
    )


def field_text(article: Article, field: str) -> str:
    return plain_text(getattr(article, field) or "", rich=field in Note.RICH_FIELDS)


def _mentions(note: Note) -> list[NoteMention]:
    """Record who `note` names with @: a username first, else a desk's slug. Unknown names stay text."""
    typed = set(MENTION.findall(note.text))
    if not typed:
        return []
    # Each @name asked for as written, the case left to the database: lowered in Python first, "@İlker" was "i̇lker"
    # (an i and a dot above), which no login matched.
    people = get_user_model().objects.filter(is_active=True, is_staff=True).filter(
        reduce(or_, (Q(username__iexact=name) for name in typed))
    )
    named = {user.get_username().casefold(): user for user in people}
    # Only people who may read the story's notes are told; a name they may not read stays text.
    users = {name: user for name, user in named.items() if can_note(user, note.article)}
    # A name that is no one's who may read the notes may be a desk's, matched as people's are (a slug may hold
    # capitals): a journalist whose login is "politics" and who does not write the story does not swallow @politics.
    rest = [name for name in typed if name.casefold() not in users]
    desks = {desk.slug.casefold(): desk for desk in Section.objects.filter(
        reduce(or_, (Q(slug__iexact=name) for name in rest)))} if rest else {}
    mentions = [NoteMention(note=note, user=users[name]) for name in sorted(users)]
    mentions += [NoteMention(note=note, desk=desks[name]) for name in sorted(desks)]
    NoteMention.objects.bulk_create(mentions)
    if settings.NOTES_EMAIL_MENTIONS:
        transaction.on_commit(lambda: _email(note, mentions))
    return mentions


def _email(note: Note, mentions: list[NoteMention]) -> None:
    """Tell the people a note mentions, through Django's mail settings (the console unless configured)."""
    people = {m.user for m in mentions if m.user} | {
        member.user for m in mentions if m.desk for member in m.desk.members.select_related("user")
        if can_note(member.user, note.article)  # active staff who may read the story's notes
    }
    headline = " ".join(note.article.headline.split())  # on one line, if stored before keep_plain made it so
    subject = _("You are mentioned in a note on “%(story)s”") % {"story": headline}
    messages = [
        (subject, note.text, None, [person.email]) for person in people if person.email and person != note.author
    ]
    try:
        send_mass_mail(messages)
    except Exception as error:  # a mail server down must not lose the note; said without the note's words
        logger.error("Could not mail the %d people note %s mentions: %s", len(messages), note.pk, type(error).__name__)


def lock_story(article: Article) -> None:
    """Hold the story's row until the transaction ends. A publication (desk/services.py) and a blocking note
    each take it before they look at the other, so whichever comes second sees the first."""
    list(Article.objects.select_for_update().filter(pk=article.pk).values_list("pk", flat=True))


def refuse_holding_a_scheduled_story(article: Article) -> None:
    """A blocking note holds a story back when someone publishes it; nothing runs at a scheduled story's time,
    so one could not hold it: refuse, and say how. Looked at under the story's lock: a schedule being set
    meanwhile is seen here, or sees this note and is refused."""
    lock_story(article)
    if Article.objects.scheduled().filter(pk=article.pk).exists():
        raise ValidationError({"blocking": _(
            "This story is scheduled: a blocking note could not hold it back at its time. Send it back or "
            "withdraw it first, or leave a note that does not block."
        )}, code="scheduled")


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")}, code="required")
    return text


@transaction.atomic
def note_add(*, article: Article, by, text: str, field: str = "", quote: str = "", quote_before: str = "",
             blocking: bool = False) -> Note:
    """Start a thread on `article`, anchored to `field` and, when given, to a passage quoted from it: the copy of
    it that `quote_before` (the words before it where it was selected) tells apart from others."""
    if not can_note(by, article):
        raise PermissionDenied
    if blocking and not can_publish(by):
        raise PermissionDenied  # only editors may hold a story back
    if blocking:
        refuse_holding_a_scheduled_story(article)
    text = _clean_text(text)
    if quote and not field:
        raise ValidationError({"field": _("Say which field the quoted passage is from.")}, code="field")
    if field and field not in Note.Field.values:
        raise ValidationError({"field": _("Unknown field.")}, code="field")
    note = Note(article=article, author=by, text=text, field=field, is_blocking=blocking)
    if quote.strip():
        anchor = anchor_in(field_text(article, field), quote, quote_before)
        if anchor is None:
            raise ValidationError({"quote": _(
                "That passage is not in the %(field)s as it is saved now: copy it from the saved text."
            ) % {"field": Note.Field(field).label.lower()}}, code="quote")
        _set_anchor(note, anchor)
    note.full_clean()
    note.save()
    _mentions(note)
    return note


@transaction.atomic
def note_reply(*, note: Note, by, text: str) -> Note:
    """Answer in `note`'s thread."""
    root = note.parent or note
    if not can_note(by, root.article):
        raise PermissionDenied
    reply = Note.objects.create(article=root.article, parent=root, author=by, text=_clean_text(text))
    _mentions(reply)
    return reply


def note_resolve(*, note: Note, by) -> Note:
    """Close a thread; a blocking note no longer holds its story back."""
    if not can_note(by, note.article) or note.parent_id:
        raise PermissionDenied
    # Asked of the row as stored now (a conditional UPDATE): a colleague's resolution committed after this copy was
    # read keeps its time and name, not stamped over by a second click.
    now = timezone.now()
    if note.resolved_at is None and Note.objects.filter(pk=note.pk, resolved_at__isnull=True).update(resolved_at=now, resolved_by=by):
        note.resolved_at, note.resolved_by = now, by
    else:
        note.refresh_from_db(fields=["resolved_at", "resolved_by"])
    return note


@transaction.atomic
def note_reopen(*, note: Note, by) -> Note:
    """Open a resolved thread again; a blocking note holds its story back again."""
    if not can_note(by, note.article) or note.parent_id:
        raise PermissionDenied
    if note.is_blocking:
        refuse_holding_a_scheduled_story(note.article)
    note.resolved_at, note.resolved_by = None, None
    note.save(update_fields=["resolved_at", "resolved_by"])
    return note


def _set_anchor(note: Note, anchor: Anchor | None) -> None:
    if anchor is None:
        note.is_detached = True  # keep the last anchor: the passage may come back (an undo, a restore)
        return
    note.quote, note.prefix, note.suffix, note.position = anchor.quote, anchor.prefix, anchor.suffix, anchor.position
    note.is_detached = False


def notes_reanchor(*, article: Article) -> None:
    """Find each anchored note's passage again in the story as saved now, or mark the note detached."""
    anchored = list(Note.objects.filter(article=article, parent__isnull=True).exclude(quote=""))
    texts = {}
    for note in anchored:
        if note.field not in texts:
            texts[note.field] = field_text(article, note.field)
        old = (note.quote, note.prefix, note.suffix, note.position, note.is_detached)
        _set_anchor(note, locate(Anchor(note.quote, note.prefix, note.suffix, note.position or 0), texts[note.field]))
        if (note.quote, note.prefix, note.suffix, note.position, note.is_detached) != old:
            note.save(update_fields=["quote", "prefix", "suffix", "position", "is_detached"])


def blocking_message(article: Article) -> str:
    """Say why `article` may not be published yet, naming its unresolved blocking notes; empty if none."""
    blocking = list(Note.objects.filter(article=article).blocking().select_related("author")[:3]) if article.pk else []
    if not blocking:
        return ""
    count = Note.objects.filter(article=article).blocking().count()
    names = "; ".join(f"“{note.text[:60]}”" for note in blocking)
    return ngettext(
        "Not published: %(count)d blocking note is unresolved (%(names)s). Resolve it first.",
        "Not published: %(count)d blocking notes are unresolved (%(names)s). Resolve them first.",
        count,
    ) % {"count": count, "names": names}


def preview_notes_share(*, preview_key: str, by) -> SharedPreview:
    """Let the holder of one preview link read the story's notes (the editor ticked the box)."""
    if not can_publish(by):
        raise PermissionDenied
    return SharedPreview.objects.get_or_create(preview_key=preview_key)[0]


def notes_for_preview(*, preview_key: str, article: Article) -> list[Note]:
    """Return the notes a preview link shows: none, unless its editor chose to show them."""
    if not SharedPreview.objects.filter(preview_key=preview_key).exists():
        return []
    return list(Note.objects.filter(article=article).threads().select_related("author").prefetch_related("replies__author"))


def thread_list(*, article: Article, by) -> list[Note]:
    """Return the threads on `article` for the desk, replies prefetched; none for someone who may not read them."""
    if article.pk is None or not can_note(by, article):
        return []
    return list(
        Note.objects.filter(article=article).threads().select_related("author", "resolved_by")
        .prefetch_related("replies__author", "mentions__user", "mentions__desk")
        .order_by(F("resolved_at").asc(nulls_first=True), "created_at", "pk")  # open threads first
    )


def mentions_for(user, limit: int = 20) -> list[Note]:
    """Return the open threads that mention `user` (directly or through their desk), newest first."""
    if not (user.is_active and user.is_staff):
        return []
    open_thread = Q(parent__isnull=True, resolved_at__isnull=True) | Q(parent__isnull=False, parent__resolved_at__isnull=True)
    notes = Note.objects.mentioning(user).filter(open_thread)
    if not can_publish(user):  # a desk's note on a story they do not write is not theirs to read (can_note)
        notes = notes.filter(article__in=Article.objects.by_author(user))
    return list(notes.select_related("article", "author").order_by("-created_at")[:limit])
