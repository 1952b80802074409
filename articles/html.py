"""The article body's HTML rules: what editors may write, and what readers receive."""
import html as entities
import re
import unicodedata

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

# Reporting needs paragraphs, headings, links, lists, quotes and emphasis; nothing else reaches a reader.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "s",
    "blockquote", "ul", "ol", "li", "a",
}
# "*" names the attributes allowed on every tag: none (nh3 would otherwise keep lang and title).
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Elements that never hold children, so they never deepen the tree.
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}
# Possessive quantifiers (*+) and no "<" inside a tag keep this linear: a lazy `[^>]*?` backtracks
# quadratically on a body of unclosed tags ("<a<a<a…", 200 KB took minutes), a denial of service.
TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*+)([^<>]*+)>")
# Where one block of text ends or the next begins (a list opening inside an item, "<li>for schools<ul><li>rises"):
# a space between their words once the tags are gone.
# PostgreSQL runs it too (articles/search.py): no \b or possessive quantifier, which its regular expressions read
# otherwise; linear all the same, no "<" inside a tag.
BLOCK_END_RE = re.compile(r"</?(p|h[1-6]|li|ul|ol|blockquote|div)([\s/][^<>]*)?>|<br\s*/?>", re.IGNORECASE)
SPACES_RE = re.compile(r"\s+")


def body_words(html: str) -> str:
    """The words of a rich text as plain text: blocks apart, entities read, runs of white space one space."""
    return SPACES_RE.sub(" ", entities.unescape(strip_tags(BLOCK_END_RE.sub(" ", html)))).strip()


def nesting_depth(html: str, limit: int) -> int:
    """Return how deep the tags in `html` nest, stopping early once past `limit`."""
    depth = deepest = 0
    for match in TAG_RE.finditer(html):  # lazily: a hostile body is abandoned at limit + 1 tags
        closing, name, rest = match.groups()
        if name.lower() in VOID_ELEMENTS or rest.endswith("/"):
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
    return deepest


def validate_body_html(html: str) -> None:
    """Refuse bodies too large or too deeply nested to sanitise quickly."""
    size = len(html.encode())
    if size > settings.ARTICLE_BODY_MAX_BYTES:
        raise ValidationError(
            _("The body is %(size)d KB of HTML; the limit is %(limit)d KB. Split the story or remove pasted markup."),
            code="body_too_large",
            params={"size": size // 1024, "limit": settings.ARTICLE_BODY_MAX_BYTES // 1024},
        )
    if nesting_depth(html, settings.ARTICLE_BODY_MAX_DEPTH) > settings.ARTICLE_BODY_MAX_DEPTH:
        raise ValidationError(
            _("The body's HTML nests more than %(limit)d levels deep. Paste it as plain text and format it again."),
            code="body_too_deep",
            params={"limit": settings.ARTICLE_BODY_MAX_DEPTH},
        )


def sanitize_body_html(html: str, *, tags: set[str] = ALLOWED_TAGS) -> str:
    """Return `html` with everything outside the article allow-list (or `tags`, a part of it) removed, composed
    (NFC) as plain text is (security/plain_text.py)."""
    return unicodedata.normalize("NFC", nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ))
