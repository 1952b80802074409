"""One list of what happened to a story: its saves (who, when, what, and the fields that really changed),
its corrections and updates, and its preview links. Moves through the workflow are saves with their note."""
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.models import Article
from people.names import person_name
from times.desk import desk_time

from .diffs import COMPARED_FIELDS, field_label
from .merge import comparable


def changed_labels(older: dict, newer: dict) -> list[str]:
    """The fields two revisions really differ in: a body re-laid out by the editor is not a change."""
    return [field_label(name) for name in COMPARED_FIELDS if comparable(older.get(name)) != comparable(newer.get(name))]


def who(user) -> str:
    return person_name(user) if user else "—"


def story_history(article: Article) -> list[dict]:
    """Return the story's events, newest first: {"at", "who", "what", "fields", "detail"}."""
    versions = list(Version.objects.get_for_object(article).select_related("revision__user"))  # newest first
    events = [
        {
            "at": version.revision.date_created,
            "who": who(version.revision.user),
            "what": version.revision.comment or _("Saved"),
            "fields": changed_labels(versions[index + 1].field_dict, version.field_dict) if index + 1 < len(versions) else [],
            "detail": "",
        }
        for index, version in enumerate(versions)
    ]
    events += [
        {
            "at": correction.created_at, "who": who(correction.created_by), "fields": [],
            "what": _("%(kind)s added") % {"kind": correction.get_kind_display()}, "detail": correction.text,
        }
        for correction in article.corrections.select_related("created_by")
    ]
    for link in article.preview_links.select_related("created_by", "revoked_by"):
        events.append({
            "at": link.created_at, "who": who(link.created_by), "fields": [], "detail": "",
            "what": _("Preview link created, valid until %(when)s") % {"when": desk_time(link.expires_at)},
        })
        if link.revoked_at:
            events.append({"at": link.revoked_at, "who": who(link.revoked_by), "fields": [], "detail": "",
                           "what": _("Preview link revoked")})
    return sorted(events, key=lambda event: event["at"], reverse=True)
