"""The editorial rule: no story goes out (published or scheduled) with a photo lacking a credit or alt text."""
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext as _


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


def article_photos(article) -> list:
    """Return the story's stored photos: the lead photo, then those in the body column."""
    if article.pk is None:
        return [article.lead_photo]
    return [article.lead_photo, *(use.photo for use in article.photo_uses.select_related("photo__agency"))]


def validate_article_photos(article) -> None:
    """Raise ValidationError naming each of the story's photos that lacks a credit or alt text."""
    if messages := photo_problems(article_photos(article)):
        raise ValidationError(messages, code="photo_not_ready")
