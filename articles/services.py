"""Editorial transitions. Each checks the caller's permission itself: a forged request skips the UI."""
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, Correction

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article) -> bool:
    """Editors edit any story; journalists only their own, and only before it is published."""
    if can_publish(user):
        return user.has_perm("articles.change_article")
    return (
        user.has_perm("articles.change_article")
        and article.status in (Article.Status.DRAFT, Article.Status.REVIEW)
        and (article.pk is None or Article.objects.by_author(user).filter(pk=article.pk).exists())
    )


@transaction.atomic
def article_submit(*, article: Article, by) -> Article:
    """Send a draft to the editors for review."""
    if not can_edit(by, article):
        raise PermissionDenied
    if article.status != Article.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    article.status = Article.Status.REVIEW
    article.updated_by = by
    article.save()
    return article


@transaction.atomic
def article_publish(*, article: Article, by, at: datetime | None = None) -> Article:
    """Publish now, or schedule for `at`. Refuse anyone without the publish permission."""
    if not can_publish(by):
        raise PermissionDenied
    if at is None and article.is_published:
        at = article.publish_at  # already live: "publish now" keeps its original time
    article.status = Article.Status.PUBLISHED
    article.publish_at = at or timezone.now()
    article.updated_by = by
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def article_withdraw(*, article: Article, by) -> Article:
    """Take a story off every public surface at once."""
    if not can_publish(by):
        raise PermissionDenied
    article.status = Article.Status.WITHDRAWN
    article.updated_by = by
    article.save()
    return article


def can_correct(user, article: Article) -> bool:
    """Editors add correction and update notes, and only to a story that has been published."""
    return can_publish(user) and article.pk is not None and article.status == Article.Status.PUBLISHED


@transaction.atomic
def correction_add(*, article: Article, kind: str, text: str, by) -> Correction:
    """Attach a dated correction or update note to a published story."""
    if not can_correct(by, article):
        raise PermissionDenied
    correction = Correction(article=article, kind=kind, text=text, created_by=by)
    correction.full_clean()
    correction.save()
    return correction
