"""Writes of the desk app: draft preview links. Story transitions live in articles/services.py."""
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article
from articles.services import can_publish

from .models import PreviewLink


def preview_link_create(*, article: Article, by, hours: int | None = None) -> PreviewLink:
    """Create a link that shows `article` to anyone holding it, for PREVIEW_LINK_HOURS unless told otherwise."""
    if not can_publish(by):
        raise PermissionDenied
    hours = settings.PREVIEW_LINK_HOURS if hours is None else hours
    now = timezone.now()
    return PreviewLink.objects.create(article=article, created_by=by, created_at=now, expires_at=now + timedelta(hours=hours))


def preview_link_revoke(*, link: PreviewLink, by) -> PreviewLink:
    """Stop a preview link working at once."""
    if not can_publish(by):
        raise PermissionDenied
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link
