"""A pseudo-translation for the reader pages' tests: every string marked for translation comes out wrapped as
"⟦…⟧", so a page's words that are not wrapped were not marked, and a newsroom with another LANGUAGE_CODE would
show them in English. Used through the `pseudo_translated` fixture (tests/conftest.py)."""
import re
from html.parser import HTMLParser

from django.conf import settings
from django.utils.translation import trans_real

CONTEXT_SEPARATOR = "\x04"  # pgettext's msgid is "context\x04message"
WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")  # innermost first: "⟦⟦Draft⟧. Readers cannot…⟧"
NO_WORDS = re.compile(r"[\W\d_]*")  # punctuation, digits, spaces: numbers and dates, "·", "©", "“”"
CHECKED_ATTRIBUTES = ("aria-label", "alt", "title", "placeholder")
# Zone abbreviations come from the time zone database, not from the newsroom's words.
ZONE_NAMES = ("UTC",)


class PseudoTranslation(trans_real.DjangoTranslation):
    """Return every message wrapped in "⟦…⟧", its context (pgettext) dropped."""

    def gettext(self, message):
        return f"⟦{message.split(CONTEXT_SEPARATOR)[-1]}⟧"

    def ngettext(self, singular, plural, number):
        return self.gettext(singular if number == 1 else plural)


def activate_pseudo_translation():
    """Make the pseudo-translation the active one in this thread; return the one it replaced (or None)."""
    previous = getattr(trans_real._active, "value", None)
    trans_real._active.value = PseudoTranslation(settings.LANGUAGE_CODE)
    return previous


def restore_translation(previous) -> None:
    if previous is None:
        del trans_real._active.value
    else:
        trans_real._active.value = previous


class ReaderText(HTMLParser):
    """Collect the text a reader sees or hears: text nodes (not scripts or styles), the attributes assistive
    technology reads out or browsers show, and the page's description."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.skipping += 1
        for name in CHECKED_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append((f"<{tag} {name}>", attrs[name]))
        if tag == "meta" and attrs.get("name") == "description":
            self.texts.append(("<meta description>", attrs.get("content") or ""))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(("text", data))


def is_translatable_or_content(text: str, content: list[str]) -> bool:
    """Whether `text` holds only wrapped (translatable) words, content from the database and punctuation."""
    text = text.strip()
    if any(text in item for item in content):  # a piece of a headline split by a search's <mark>
        return True
    rest = text
    while WRAPPED.search(rest):
        rest = WRAPPED.sub(" ", rest)
    for item in sorted(content, key=len, reverse=True):
        rest = rest.replace(item, " ")
    for zone in ZONE_NAMES:
        rest = re.sub(rf"\b{zone}\b", " ", rest)
    return NO_WORDS.fullmatch(rest) is not None


def untranslated(html: str, content) -> list[tuple[str, str]]:
    """Return the (where, text) a reader gets in English whatever the newsroom's language."""
    content = [item for item in map(str, content) if item.strip()]
    parser = ReaderText()
    parser.feed(html)
    return [(where, text) for where, text in parser.texts if not is_translatable_or_content(text, content)]


def untranslated_feed(root, content) -> list[tuple[str, str]]:
    """The same for a parsed RSS or Atom document: every element's text, the machine's values aside."""
    content = [item for item in map(str, content) if item.strip()]
    machine = ("link", "guid", "pubDate", "lastBuildDate", "published", "updated", "id", "language", "generator")
    found = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in machine or not (element.text or "").strip():
            continue
        if not is_translatable_or_content(element.text, content):
            found.append((name, element.text))
    return found
