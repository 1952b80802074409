"""A scheduled update compared with the story's live text and body photos: a line diff, printed escaped (HTML as source)."""
import difflib
import re

from django.utils.html import format_html, format_html_join

BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|blockquote|ul|ol)>|<br\s*/?>)", re.IGNORECASE)
FIELDS = ("headline", "standfirst", "body")


def lines(value: str) -> list[str]:
    return [line.strip() for line in BLOCK_END.sub(r"\1\n", value or "").splitlines() if line.strip()]


def photo_lines(version) -> list[str]:
    """The body photos of a story or an update, one line each, in order."""
    return [f"photo {use.photo_id}: {use.display_caption}" for use in version.photo_uses.select_related("photo")] if version.pk else []


def diff_lines(article, update) -> list[str]:
    out = []
    for name in FIELDS:
        out += difflib.unified_diff(lines(getattr(article, name)), lines(getattr(update, name)),
                                    fromfile=f"{name} (live)", tofile=f"{name} (update)", lineterm="", n=1)
    return out + list(difflib.unified_diff(photo_lines(article), photo_lines(update), fromfile="photos in the body (live)",
                                           tofile="photos in the body (update)", lineterm="", n=1))


def comparison_html(article, update) -> str:
    found = diff_lines(article, update)
    if not found:
        return format_html("<p>{}</p>", "Same text as the live story.")
    rows = format_html_join("\n", '<span class="{}">{}</span>', (
        ("diff-add" if line.startswith("+") else "diff-del" if line.startswith("-") else "", line) for line in found
    ))
    return format_html('<pre class="update-diff">{}</pre>', rows)
