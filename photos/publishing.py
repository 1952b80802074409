"""The editorial rule: no story goes out (published or scheduled) with a photo lacking a credit or alt text."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from .models import Photo


def photo_problems(photos) -> list[str]:
    """Return one message per photo that is not ready for publication, naming the photo."""
    messages, seen = [], set()
    for photo in photos:
        if photo is None or photo.pk in seen:
            continue
        seen.add(photo.pk)
        if missing := photo.publication_problems():
            messages.append(
                _("Photo “%(photo)s” (no. %(pk)s) needs %(missing)s before the story can be published or scheduled.")
                % {"photo": photo, "pk": photo.pk, "missing": get_text_list(missing, _("and"))}
            )
    return messages


def as_stored(photos) -> list:
    """The photos as stored now, in the same order (one deleted meanwhile left out), each row locked until the
    transaction ends: what a publication checks. Its story (or live coverage) is locked first, then its photos;
    a photo's form (and save) locks the stories using the photo, then their live coverages (`uses.lock_users`),
    then the photo. So a credit removed while an editor publishes is either seen by the publication, which
    refuses, or saved only after it, when the form sees the story out and refuses the removal; and neither waits
    for the other in a circle."""
    ids = [photo.pk for photo in photos if photo is not None and photo.pk is not None]
    if not ids:
        return []
    rows = Photo.objects.select_related("agency").order_by("pk")
    if transaction.get_connection().in_atomic_block:  # outside a transaction a lock would end with the query
        rows = rows.select_for_update(of=("self",))
    found = {photo.pk: photo for photo in rows.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def article_photos(article) -> list:
    """Return the story's stored photos: the lead photo, then those in the body column."""
    if article.pk is None:
        return [article.lead_photo]
    return [article.lead_photo, *(use.photo for use in article.photo_uses.select_related("photo__agency"))]


def validate_article_photos(article) -> None:
    """Raise ValidationError naming each of the story's photos that lacks a credit or alt text."""
    if messages := photo_problems(as_stored(article_photos(article))):
        raise ValidationError(messages, code="photo_not_ready")
