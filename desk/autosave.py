"""The autosave store: private copies of the story form, one per person and form opened, never public.

The desk's script (desk/static/desk/js/story-form.js) posts the form here every AUTOSAVE_SECONDS
while it changes, one copy per form opened; the next open offers the newest back, and saving the story
removes the saved form's copies.
Nothing here touches the story: not its fields, its version, its revisions or any cache.
"""
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article

from .models import AutosavedCopy

FORM_KEY = "autosave_form"  # each story form posts its key: each form open at once keeps its own copy
FROM_KEY = "autosave_from"  # and, restored from a copy, that copy's key: saving the story removes both
FORM_KEY_PATTERN = re.compile(r"[0-9a-f]{32}")
# What the form posts that is not the story's text: never kept.
NOT_KEPT = {"csrfmiddlewaretoken", "desk_action", "_save", "_continue", "_addanother", FORM_KEY, FROM_KEY}


def max_bytes() -> int:
    # The body's own cap, plus room for the other fields.
    return settings.ARTICLE_BODY_MAX_BYTES + 64 * 1024


def kept_fields(data: QueryDict) -> dict[str, list[str]]:
    """The story form as posted, without what is not its text: each name with its list of values.

    Without NUL characters (text pasted from a PDF carries them): PostgreSQL's jsonb cannot hold one, and
    the story form refuses them anyway.
    """
    return {
        name.replace("\x00", ""): [value.replace("\x00", "") for value in data.getlist(name)]
        for name in data if name not in NOT_KEPT
    }


def new_form_key() -> str:
    return secrets.token_hex(16)


def form_key(key: str | None) -> str:
    """A story form's key as posted, or "" (the one copy of a form without a key) for anything else."""
    return key if key and FORM_KEY_PATTERN.fullmatch(key) else ""


def autosave_store(*, user, article: Article | None, data: QueryDict) -> AutosavedCopy:
    """Keep `data` (the story form as posted) as `user`'s copy of `article` (None: a new story) from the form
    it names (its `autosave_form` key), replacing that form's last."""
    kept = kept_fields(data)
    if sum(len(value) for values in kept.values() for value in values) > max_bytes():
        raise ValidationError(_("The form is too large to keep a copy of."), code="too_large")
    copy, _created = AutosavedCopy.objects.update_or_create(
        user=user, article=article, form_key=form_key(data.get(FORM_KEY)), defaults={"data": kept, "saved_at": timezone.now()},
    )
    return copy


def autosave_for(*, user, article: Article | None, key: str | None = None) -> AutosavedCopy | None:
    """Return `user`'s copy of `article` (None: a new story) from the form `key`, or without a key their newest."""
    copies = AutosavedCopy.objects.filter(user=user, article=article)
    if key is not None:
        copies = copies.filter(form_key=form_key(key))
    return copies.first()


def autosave_discard(*, user, article: Article | None, key: str | None = None) -> None:
    """Remove `user`'s copy of `article` from the form `key`: they saved it, or discarded it."""
    AutosavedCopy.objects.filter(user=user, article=article, form_key=form_key(key)).delete()


def autosave_discard_saved(*, user, article: Article | None, data: QueryDict) -> None:
    """A story was saved from the form that posted `data` (`article` None: it was new): remove that form's copy
    and the copy it was restored from. Other copies stay, offered again: another tab's, a crashed one's."""
    autosave_discard(user=user, article=article, key=data.get(FORM_KEY))
    if FROM_KEY in data:
        autosave_discard(user=user, article=article, key=data[FROM_KEY])


def autosave_data(copy: AutosavedCopy) -> QueryDict:
    """The copy as the form would post it, to read each field's value back with its widget."""
    data = QueryDict(mutable=True)
    for name, values in copy.data.items():
        data.setlist(name, values)
    return data
