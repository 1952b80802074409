"""Explain a refused save: who saved the story meanwhile, when, and what they changed."""
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.models import Article, person_name

from .diffs import changed_fields, snapshot, text_diffs

# How far back to look for the revision the editor started from; older drafts fall back to "theirs vs yours".
REVISIONS_SEARCHED = 30


def current_article(pk) -> Article | None:
    """Return the saved story, locked until the end of the transaction when there is one (the admin's)."""
    queryset = Article.objects.select_related("updated_by")
    if transaction.get_connection().in_atomic_block:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.filter(pk=pk).first()


def started_from(article: Article, version_number: int) -> dict | None:
    """Return the fields of the revision saved as `version_number`, if the history still has it."""
    for version in Version.objects.get_for_object(article)[:REVISIONS_SEARCHED]:
        fields = version.field_dict
        if fields.get("version") == version_number:
            return fields
    return None


def describe_conflict(*, current: Article, started_version: int, submitted: dict) -> dict:
    """Return what the template shows about a conflict.

    With the revision the editor started from: what the other person changed (base → saved now).
    Without it: how the saved story differs from the submitted one (saved now → yours).
    """
    saved = snapshot(current)
    base = started_from(current, started_version)
    by = current.updated_by
    fields = changed_fields(base, saved) if base else changed_fields(saved, submitted)
    if base:
        summary = _("they changed: %(fields)s") % {"fields": ", ".join(fields) or _("nothing you can see")}
    else:
        summary = _("the saved story differs from yours in: %(fields)s") % {"fields": ", ".join(fields) or _("nothing")}
    return {
        "by": person_name(by) if by else "",
        "at": date_format(timezone.localtime(current.updated_at), "j M Y H:i:s T"),
        "fields": fields,
        "summary": summary,
        "diffs": text_diffs(base, saved) if base else text_diffs(saved, submitted),
        "against_base": base is not None,
        "version": current.version,
    }
