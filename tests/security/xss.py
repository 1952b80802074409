"""The XSS corpus and the checks any field can be put through: allow-listed HTML, or plain text."""
import re
from html.parser import HTMLParser
from pathlib import Path

from articles.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES

VECTORS_FILE = Path(__file__).with_name("xss_vectors.txt")
ESCAPE = re.compile(r"\\(n|r|t|0|\\|x[0-9a-fA-F]{2})")
SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\"}
# nh3 adds this to every link (articles/html.py), so it is the one attribute the sanitiser writes itself.
LINK_REL = "noopener noreferrer"
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def load_vectors(section: str | None = None) -> list[str]:
    """Return the corpus, escapes decoded; only the group whose "# " heading starts with `section`, if given."""
    vectors, heading = [], ""
    for line in VECTORS_FILE.read_text().splitlines():
        if line.startswith("# "):
            heading = line[2:]
        if not line.strip() or line.startswith("#"):
            continue
        if section is None or heading.startswith(section):
            vectors.append(ESCAPE.sub(lambda m: SIMPLE_ESCAPES.get(m[1]) or chr(int(m[1][1:], 16)), line))
    return vectors


def url_scheme(url: str) -> str | None:
    """Return the scheme a browser would see in `url` (attribute value, entities already decoded), or None."""
    # Browsers strip leading/trailing C0 controls and spaces, and drop tabs and newlines anywhere.
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    match = SCHEME.match(cleaned)
    return match[1].lower() if match else None


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, [(name, value)]) in document order
        self.others = []  # comments, declarations, processing instructions

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.others.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.others.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.others.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.others.append(f"declaration {data!r}")


def parse(html: str) -> _Walker:
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker


def allow_list_problems(html: str) -> list[str]:
    """Return every way `html` leaves the article allow-list (articles/html.py); empty when it keeps to it."""
    walker = parse(html)
    problems = list(walker.others)
    for tag, attrs in walker.elements:
        if tag not in ALLOWED_TAGS:
            problems.append(f"<{tag}> is not allowed")
            continue
        allowed = ALLOWED_ATTRIBUTES.get("*", set()) | ALLOWED_ATTRIBUTES.get(tag, set())
        names = [name for name, _value in attrs]
        if len(names) != len(set(names)):
            problems.append(f"<{tag}> repeats an attribute: {names}")
        for name, value in attrs:
            if tag == "a" and name == "rel" and value == LINK_REL:
                continue
            if name not in allowed:
                problems.append(f"<{tag} {name}> is not allowed")
            elif name == "href" and url_scheme(value or "") not in {None, *ALLOWED_URL_SCHEMES}:
                problems.append(f"<{tag} href={value!r}> has a forbidden scheme")
    return problems


def page_problems(html: str) -> list[str]:
    """Return anything in a whole page that could run script: scripts, handlers, script URLs, frames."""
    problems = []
    for tag, attrs in parse(html).elements:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") != "application/ld+json":
            problems.append("<script> that is not JSON-LD data")
        if tag in {"iframe", "frame", "object", "embed", "base", "applet", "portal"}:
            problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            problems.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}>")
            if name in {"href", "src", "action", "formaction", "data", "xlink:href"} and url_scheme(value or "") in {
                "javascript", "vbscript", "data", "livescript",
            }:
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def structure(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return the page's element skeleton: each tag with its attribute names, in order."""
    return [(tag, tuple(name for name, _value in attrs)) for tag, attrs in parse(html).elements]
