"""The desk's writes: transitions, corrections, restores, preview links. Each checks the caller's
permission itself: a forged request skips the UI.

Every service that writes a story saves it once, inside a django-reversion revision (so the desk's
history has a revision per save), and every status change is recorded as a `desk.ArticleTransition`.
The admin form, its buttons, its actions and the schedule board all call these functions.
"""
from datetime import datetime, timedelta

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from articles.models import Article, Correction, Section
from articles.permissions import can_edit, can_publish
from live.alerts import alert_warning
from notes.services import blocking_message, lock_story, preview_notes_share
from photos.publishing import validate_article_photos
from planning.services import art_warning, assignment_follow_story
from times.desk import desk_time

from .actions import ACTIONS
from .models import ArticleTransition, PreviewLink

# What a restore brings back from a revision; publication fields (status and times) stay as they are now.
RESTORED_FIELDS = ("headline", "standfirst", "body", "section_id")


def article_transition_check(*, article: Article, by, to: str) -> None:
    """Raise PermissionDenied or ValidationError unless `by` may move `article` from its status to `to`.

    | from                    | to        | who                       |
    | draft                   | review    | its writer, or an editor  |
    | review                  | draft     | an editor ("send back")   |
    | any                     | published | an editor (now or later)  |
    | published               | withdrawn | an editor                 |
    """
    Status = Article.Status
    if to == Status.REVIEW:
        if not can_edit(by, article):
            raise PermissionDenied
        if article.status != Status.DRAFT:
            raise ValidationError(_("Only a draft can be submitted for review."), code="transition")
    elif to == Status.DRAFT:
        if not can_publish(by):
            raise PermissionDenied
        if article.status != Status.REVIEW:
            raise ValidationError(_("Only a story in review can be sent back to its writer."), code="transition")
    elif to == Status.PUBLISHED:
        if not can_publish(by):
            raise PermissionDenied
    elif to == Status.WITHDRAWN:
        if not can_publish(by):
            raise PermissionDenied
        if article.status != Status.PUBLISHED:
            raise ValidationError(_("Only a published or scheduled story can be withdrawn."), code="transition")
    else:
        raise ValidationError(_("Unknown status."), code="transition")


def _save_revision(article: Article, *, by, comment: str, saved_at: datetime | None = None) -> None:
    with reversion.create_revision():
        article.updated_by = by
        article.save(saved_at=saved_at)
        # Explicitly, because a story saved twice in one revision (created, then submitted) would
        # otherwise keep its first state.
        reversion.add_to_revision(article)
        reversion.set_user(by)
        reversion.set_comment(comment)


def _move(article: Article, *, by, to: str, note: str, comment: str, saved_at: datetime | None = None) -> Article:
    from_status = article.status
    article.status = to
    if to == Article.Status.PUBLISHED:
        article.full_clean()  # the embargo and expiry rules (Article.clean)
    _save_revision(article, by=by, comment=f"{comment}: {note}" if note else comment, saved_at=saved_at)
    ArticleTransition.objects.create(
        article=article, from_status=from_status, to_status=to, by=by, note=note,
        publish_at=article.publish_at if to == Article.Status.PUBLISHED else None,
    )
    assignment_follow_story(article=article)  # submitted is filed, published is published
    return article


@transaction.atomic
def article_submit(*, article: Article, by, note: str = "") -> Article:
    """Send a draft to the editors for review, with an optional note to them."""
    article_transition_check(article=article, by=by, to=Article.Status.REVIEW)
    return _move(article, by=by, to=Article.Status.REVIEW, note=note, comment=_("Submitted for review"))


@transaction.atomic
def article_send_back(*, article: Article, by, note: str = "") -> Article:
    """Return a story in review to its writer as a draft, with a note saying what to fix."""
    article_transition_check(article=article, by=by, to=Article.Status.DRAFT)
    return _move(article, by=by, to=Article.Status.DRAFT, note=note, comment=_("Sent back to the writer"))


LIVE_NOT_SCHEDULED = gettext_lazy("The story is live already: withdraw it first to schedule it again.")


@transaction.atomic
def article_publish(
    *, article: Article, by, at: datetime | None = None, note: str = "", photos_checked: bool = False,
) -> Article:
    """Publish now, or schedule for `at`. Refuse anyone without the publish permission, an embargo breach,
    and a photo without credit or alt text.

    `photos_checked` is for the desk form only: it has validated the photos with its inline formset,
    whose additions and removals are saved after the story, so they can't be seen from here yet.
    """
    article_transition_check(article=article, by=by, to=Article.Status.PUBLISHED)
    if at is not None and article.is_published:
        raise ValidationError(LIVE_NOT_SCHEDULED, code="live")  # a button shown before it went live
    lock_story(article)  # a blocking note being added meanwhile is seen next, or sees this publication
    if message := blocking_message(article):  # an editor's blocking note holds it back until resolved
        raise ValidationError(message, code="blocking-note")
    if not photos_checked:
        validate_article_photos(article)  # every photo credited and described before it goes out
    if at is None and article.is_published:
        at = article.publish_at  # already live: "publish now" keeps its original time
    # One reading of the clock for the publication and its save: published now, the story was last saved
    # when it came out, and the changes feed calls it a publication, not an update.
    now = timezone.now()
    article.publish_at = at or now
    if article.publish_at > now:
        when = desk_time(article.publish_at)
        comment = _("Scheduled for %(when)s") % {"when": when}
    else:
        comment = _("Published")
    return _move(article, by=by, to=Article.Status.PUBLISHED, note=note, comment=comment, saved_at=now)


def article_publish_warnings(article: Article) -> list[str]:
    """Say what an editor should know before or after publishing `article`; unlike refusals, these do not stop it."""
    return [warning for warning in (art_warning(article), alert_warning(article)) if warning]


@transaction.atomic
def article_withdraw(*, article: Article, by, note: str = "") -> Article:
    """Take a story off every public surface at once, and out of the hands of those holding its preview links: put
    back on the desk and scheduled again, it would have shown through them, rewritten, before its time."""
    article_transition_check(article=article, by=by, to=Article.Status.WITHDRAWN)
    for link in article.preview_links.active():
        link.revoke(by=by)
    return _move(article, by=by, to=Article.Status.WITHDRAWN, note=note, comment=_("Withdrawn"))


def article_transition(
    *, article: Article, by, to: str, at: datetime | None = None, note: str = "", photos_checked: bool = False,
) -> Article:
    """Move a story to status `to` through the matching service above."""
    if to == Article.Status.REVIEW:
        return article_submit(article=article, by=by, note=note)
    if to == Article.Status.DRAFT:
        return article_send_back(article=article, by=by, note=note)
    if to == Article.Status.PUBLISHED:
        return article_publish(article=article, by=by, at=at, note=note, photos_checked=photos_checked)
    if to == Article.Status.WITHDRAWN:
        return article_withdraw(article=article, by=by, note=note)
    raise ValidationError(_("Unknown status."), code="transition")


@transaction.atomic
def article_save(*, article: Article, by, action: str = "", note: str = "", at: datetime | None = None) -> Article:
    """Save the desk form's changes to `article`, with the move of the desk button pressed, if any, in one revision.

    `action` names a button of desk/actions.py; its move goes through its service, which checks it again.
    """
    if not can_edit(by, article):
        raise PermissionDenied
    if not action:
        _save_revision(article, by=by, comment=_("Created") if article.pk is None else _("Edited"))
        return article
    with reversion.create_revision():  # one form save, one revision: created and submitted, say
        if article.pk is None:
            _save_revision(article, by=by, comment=_("Created"))
        # The desk form validated the photos together with its inline formset (desk/forms.py).
        return article_transition(
            article=article, by=by, to=ACTIONS[action].to, at=at if action == "schedule" else None, note=note,
            photos_checked=True,
        )


@transaction.atomic
def article_restore_revision(*, article: Article, version, by) -> Article:
    """Bring back the headline, standfirst, body and section of an earlier revision, keeping the publication state."""
    if not (can_publish(by) and can_edit(by, article)):
        raise PermissionDenied
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise ValidationError(_("That revision belongs to another story."), code="revision")
    fields = dict(version.field_dict)
    if not Section.objects.filter(pk=fields["section_id"]).exists():
        fields["section_id"] = article.section_id  # that section has since been deleted: keep today's
    for name in RESTORED_FIELDS:
        setattr(article, name, fields[name])
    when = desk_time(version.revision.date_created)
    _save_revision(article, by=by, comment=_("Restored the text of %(when)s") % {"when": when})
    return article


def can_correct(user, article: Article) -> bool:
    """Editors add correction and update notes, and only to a story that has gone out (a scheduled one would go
    out carrying a correction dated before itself)."""
    return (can_publish(user) and article.pk is not None and article.status == Article.Status.PUBLISHED
            and article.publish_at is not None and article.publish_at <= timezone.now())


@transaction.atomic
def correction_add(*, article: Article, kind: str, text: str, by) -> Correction:
    """Attach a dated correction or update note to a published story."""
    if not can_correct(by, article):
        raise PermissionDenied
    correction = Correction(article=article, kind=kind, text=text, created_by=by)
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def preview_link_create(*, article: Article, by, hours: int | None = None, show_notes: bool = False) -> PreviewLink:
    """Create a link that shows `article` to anyone holding it, for PREVIEW_LINK_HOURS unless told otherwise;
    with `show_notes`, its holder also reads the story's notes."""
    if not can_publish(by):
        raise PermissionDenied
    hours = settings.PREVIEW_LINK_HOURS if hours is None else hours
    now = timezone.now()
    link = PreviewLink.objects.create(article=article, created_by=by, created_at=now, expires_at=now + timedelta(hours=hours))
    if show_notes:
        preview_notes_share(preview_key=link.key, by=by)
    return link


def preview_link_revoke(*, link: PreviewLink, by) -> PreviewLink:
    """Stop a preview link working at once."""
    if not can_publish(by):
        raise PermissionDenied
    link.revoke(by=by)
    return link
