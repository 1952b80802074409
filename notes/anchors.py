"""Anchors that follow the text: a note keeps its quoted passage with some context on each side, and
after an edit finds the passage again by the quote and that context, or reports itself detached.

Everything here works on the field's plain text (tags dropped, entities decoded, whitespace collapsed),
so markup edits (a word made bold) do not move or break an anchor.
"""
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from articles.html import SPACES_RE, body_words

CONTEXT = 32  # characters of context kept on each side of the quote
PROBE = 12  # characters of the quote's ends and the context's inner ends looked for after an edit
MIN_SIMILARITY = 0.6  # how much of an edited passage must still be the quoted one to follow it


def plain_text(value: str, *, rich: bool = False) -> str:
    return body_words(value) if rich else SPACES_RE.sub(" ", value).strip()


@dataclass(frozen=True)
class Anchor:
    quote: str
    prefix: str
    suffix: str
    position: int


def _anchor(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        quote=text[start:end], prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT], position=start,
    )


def _occurrences(text: str, needle: str):
    if not needle:
        return
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def anchor_in(text: str, quote: str, before: str = "") -> Anchor | None:
    """Anchor `quote` in `text`, or None when it is not there: at the copy whose preceding words end as `before`
    does (what the desk showed before the words selected), else at its first. Spaces aside: a browser's selection
    and the plain text part blocks differently."""
    quote = SPACES_RE.sub(" ", quote).strip()
    starts = list(_occurrences(text, quote))
    if not starts:
        return None
    tail = SPACES_RE.sub("", before)[-CONTEXT:]
    start = max(starts, key=lambda at: (_common_end(SPACES_RE.sub("", text[max(0, at - 2 * CONTEXT):at]), tail), -at))
    return _anchor(text, start, start + len(quote))


def _common_end(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their ends."""
    shared = 0
    while shared < min(len(a), len(b)) and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    return shared


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    before = text[max(0, start - len(anchor.prefix)):start]
    after = text[end:end + len(anchor.suffix)]
    return _similarity(anchor.prefix, before) + _similarity(anchor.suffix, after)


def _in_place(anchor: Anchor, text: str) -> Anchor | None:
    """The quote in its old context, unchanged on both sides: the score below can't be beaten, so of such
    copies the nearest to where it was is the answer. The usual case (an edit elsewhere in the text), and the
    one whose full search cost most: a quote of one letter in a long body has a copy in every other word."""
    whole = anchor.prefix + anchor.quote + anchor.suffix
    found = [start + len(anchor.prefix) for start in _occurrences(text, whole)]
    if not found:
        return None
    start = min(found, key=lambda start: abs(start - anchor.position))
    return _anchor(text, start, start + len(anchor.quote))


def locate(anchor: Anchor, text: str) -> Anchor | None:
    """Find `anchor`'s passage in the edited `text`; None means it is detached.

    Candidates are the quote's unchanged copies, and spans that start where the quote (or the text just
    before it) still starts and end where the quote (or the text just after it) still ends, when at least
    MIN_SIMILARITY of the span is the old quote. The best is the most like the quote (counted twice) plus
    the most like the old context on both sides, then the nearest to where it was: so a copy of the
    words elsewhere loses to the passage edited in place, and of several copies the one in its old
    surroundings wins. With no candidate (the passage deleted or rewritten) the note is detached.
    """
    quote = anchor.quote
    if kept := _in_place(anchor, text):
        return kept
    spans = {(start, start + len(quote)) for start in _occurrences(text, quote)}
    head, tail = quote[:PROBE], quote[-PROBE:]
    starts = set(_occurrences(text, head)) | {s + len(anchor.prefix[-PROBE:]) for s in _occurrences(text, anchor.prefix[-PROBE:])}
    ends = {s + len(tail) for s in _occurrences(text, tail)} | set(_occurrences(text, anchor.suffix[:PROBE]))
    if not anchor.prefix:
        starts.add(0)  # the quote opened the text
    if not anchor.suffix:
        ends.add(len(text))  # the quote closed the text
    # Each start with the ends within reach of it only: pairing every start with every end cost seconds per
    # save for a quote of one letter in a long body, whose copies are everywhere.
    limit, ends = 2 * len(quote) + CONTEXT, sorted(ends)
    spans |= {(start, end) for start in starts for end in ends[bisect_right(ends, start):bisect_right(ends, start + limit)]}
    best, best_key = None, None
    for start, end in spans:
        similarity = _similarity(text[start:end], quote)
        if similarity < MIN_SIMILARITY:
            continue
        key = (2 * similarity + _context_score(anchor, text, start, end), -abs(start - anchor.position))
        if best_key is None or key > best_key:
            best, best_key = (start, end), key
    return _anchor(text, *best) if best else None
