"""Explain a refused save: who saved the story meanwhile, when, and both versions of each field you both changed."""
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.forms import MultiWidget
from reversion.models import Version

from articles.models import Article
from articles.tag_input import edit_string_in_order
from people.names import person_name
from times.desk import desk_time

from .diffs import line_diff

# How far back to look for the revision the editor started from; older drafts can't be merged by field.
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


def display(value) -> str:
    """A field's value as the conflict shows it: plain text (a body's HTML as source, escaped by the template)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return desk_time(value)
    if isinstance(value, (list, tuple, models.QuerySet)):  # tags, bylines
        return ", ".join(display(item) for item in value) or "—"
    if isinstance(value, get_user_model()):
        return person_name(value)
    return str(value)


def post_values(bound_field, value) -> dict:
    """Return the POST data that makes `bound_field` show `value` (split date and time widgets post two)."""
    widget, name = bound_field.field.widget, bound_field.html_name
    if isinstance(widget, MultiWidget):
        parts = widget.decompress(value) if value else [None] * len(widget.widgets)
        return {
            f"{name}{suffix}": (part_widget.format_value(part) or "") if part is not None else ""
            for suffix, part_widget, part in zip(widget.widgets_names, widget.widgets, parts)
        }
    if isinstance(value, (list, tuple)) and all(isinstance(item, models.Model) for item in value):
        return {name: [str(item.pk) for item in value]}  # bylines: one value each
    if isinstance(value, (list, tuple)):
        return {name: edit_string_in_order(value)}  # tags, quoted as the input reads them ("Middle East")
    if isinstance(value, models.Model):
        value = value.pk
    elif isinstance(value, datetime):
        value = widget.format_value(bound_field.field.prepare_value(value))  # in the newsroom's zone
    return {name: "" if value is None else value}


def describe_conflict(
    *, by: str, at: str, kept: list[str], fields: list[tuple[str, str, str]], changes: list[tuple[str, str, str]] = (),
) -> dict:
    """Return what the template shows: for each field you both changed, their version, yours, and a line diff;
    for each of `changes` (label, as you opened it, as they saved it), both and a line diff."""
    return {
        "by": by,
        "at": at,
        "kept": kept,
        "fields": [
            {"label": label, "theirs": theirs, "yours": yours, "lines": line_diff(theirs, yours)}
            for label, theirs, yours in fields
        ],
        "changes": [
            {"label": label, "opened": opened, "theirs": theirs, "lines": line_diff(opened, theirs)}
            for label, opened, theirs in changes
        ],
    }
