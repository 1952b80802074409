"""Line diffs of a story's text fields, for the conflict message and the revision comparison.

The lines are plain strings: templates print them autoescaped, so a body's HTML shows as source.
"""
import difflib
import re

from articles.models import Article

TEXT_FIELDS = ("headline", "standfirst", "body")
# What a reader would call "the story changed": the revision fields less the bookkeeping ones.
COMPARED_FIELDS = ("headline", "slug", "standfirst", "body", "section_id", "lead_photo_id", "status", "publish_at", "unpublish_at",
                   "embargo_at")
BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|blockquote|ul|ol)>|<br\s*/?>)", re.IGNORECASE)


def field_label(name: str) -> str:
    return str(Article._meta.get_field(name.removesuffix("_id")).verbose_name)


def changed_fields(old: dict, new: dict) -> list[str]:
    """Return the labels of the fields that differ between two snapshots, in form order."""
    return [field_label(name) for name in COMPARED_FIELDS if name in old and old.get(name) != new.get(name)]


def text_lines(value: str) -> list[str]:
    # One block element per line, so a changed paragraph shows as one changed line.
    return [line.strip() for line in BLOCK_END.sub(r"\1\n", value or "").splitlines() if line.strip()]


def line_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return (kind, line) pairs, kind being "same", "removed" or "added".

    Whole lines only: difflib.ndiff also measures each removed line against each added one to mark changed
    characters, which took minutes on a long story reworded throughout (a 502), for hints nothing shows.
    """
    before, after = text_lines(old), text_lines(new)
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
        if tag == "equal":
            pairs += [("same", line) for line in before[i1:i2]]
            continue
        pairs += [("removed", line) for line in before[i1:i2]] + [("added", line) for line in after[j1:j2]]
    return pairs


def text_diffs(old: dict, new: dict) -> list[dict]:
    """Return a diff for each text field that differs: [{"label": ..., "lines": [(kind, line), ...]}]."""
    return [
        {"label": field_label(name), "lines": line_diff(old.get(name, ""), new.get(name, ""))}
        for name in TEXT_FIELDS
        if old.get(name, "") != new.get(name, "")
    ]
