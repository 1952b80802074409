"""The budget's writes: linking a story and an assignment, following the story's workflow, calendar feeds.

Each checks the caller's permission itself. Assignments are otherwise written through their admin, which
asks the model permissions the data migration gives editors (journalists only view).
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article

from .models import Assignment, CalendarFeed

PLAN_PERMISSION = "planning.change_assignment"


def can_plan(user) -> bool:
    return user.has_perm(PLAN_PERMISSION)


def can_write_from(user, assignment: Assignment) -> bool:
    """Its assignees and the desk's planners may start the story of an assignment."""
    return can_plan(user) or assignment.assignees.filter(pk=user.pk).exists()


@transaction.atomic
def assignment_link_story(*, assignment: Assignment, article: Article, by) -> Assignment:
    """Attach the story written from `assignment` to it: one story per assignment, one assignment per story."""
    if not can_write_from(by, assignment):
        raise PermissionDenied
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.story_id not in (None, article.pk):
        raise ValidationError(_("This assignment already has its story."), code="taken")
    if Assignment.objects.filter(story=article).exclude(pk=assignment.pk).exists():
        raise ValidationError(_("This story already belongs to another assignment."), code="taken")
    assignment.story = article
    if assignment.status == Assignment.Status.PITCHED:
        assignment.status = Assignment.Status.ASSIGNED
    assignment.save(update_fields=["story", "status", "updated_at"])
    assignment_follow_story(article=article)
    return assignment


def assignment_from_story(*, article: Article, by, due_at=None) -> Assignment:
    """Plan an existing story: a budget line made from it, due when it is planned to go out, or now."""
    if not can_plan(by):
        raise PermissionDenied
    if Assignment.objects.filter(story=article).exists():
        raise ValidationError(_("This story already belongs to an assignment."), code="taken")
    assignment = Assignment.objects.create(
        slug=article.slug[:80], working_headline=article.headline, desk=article.section, editor=by,
        due_at=due_at or timezone.now(), status=Assignment.Status.ASSIGNED, story=article,
    )
    assignment.assignees.set(article.authors.all())
    assignment_follow_story(article=article)
    return assignment


# The story's status → what it means for its assignment (statuses it may move from, and to).
FOLLOWS = {
    Article.Status.REVIEW: (Assignment.NOT_FILED, Assignment.Status.FILED),
    # Sent back to its writer, from filed or from ready (the editor thought it was, then read it again).
    Article.Status.DRAFT: ((Assignment.Status.FILED, Assignment.Status.READY), Assignment.Status.ASSIGNED),
    Article.Status.PUBLISHED: (
        (*Assignment.NOT_FILED, Assignment.Status.FILED, Assignment.Status.READY), Assignment.Status.PUBLISHED,
    ),
    # Taken off the site (or held before its time): the line is in play again, ready for the desk's next decision.
    Article.Status.WITHDRAWN: ((Assignment.Status.PUBLISHED,), Assignment.Status.READY),
}


def assignment_follow_story(*, article: Article) -> None:
    """Move the story's assignment along with the story: submitted is filed, published is published."""
    if article.status not in FOLLOWS:
        return
    from_statuses, to = FOLLOWS[article.status]
    Assignment.objects.filter(story=article, status__in=from_statuses).update(status=to, updated_at=timezone.now())


def story_deleted(sender, instance, **kwargs):
    """A pre_delete receiver for Article: its line has no story any more (its link is set to null), so it is
    *assigned* again, to be written (and late once due), not left *filed* or *published* with nothing behind it."""
    Assignment.objects.filter(story=instance).exclude(status=Assignment.Status.SPIKED).update(
        status=Assignment.Status.ASSIGNED, updated_at=timezone.now())


def art_warning(article: Article) -> str:
    """Say why the story's assignment wants art it does not have yet; empty when all is well."""
    assignment = Assignment.objects.filter(story=article).select_related("story").first()
    if assignment is None or not assignment.lacks_art:
        return ""
    return _("Its assignment “%(slug)s” asks for a photo and the story has none.") % {"slug": assignment.slug}


def calendar_feed_create(*, desk, by) -> CalendarFeed:
    """Make a new secret calendar address for `desk`'s assignments."""
    if not can_plan(by):
        raise PermissionDenied
    return CalendarFeed.objects.create(desk=desk, created_by=by)


def calendar_feed_revoke(*, feed: CalendarFeed, by) -> CalendarFeed:
    """Stop a calendar address working at once; calendar apps holding it get 404 from then on."""
    if not can_plan(by):
        raise PermissionDenied
    feed.revoke(by=by)
    return feed
