"""Anchors follow the text: the 23-edit fixture, and the rules one case at a time."""
import pytest

from notes.anchors import anchor_in, locate, plain_text
from notes.models import Note
from notes.services import note_add
from tests.factories import ArticleFactory, UserFactory
from tests.notes.helpers import ANCHOR_EDITS


def outcome(note: Note, expected) -> bool:
    """Whether `note` is where the fixture expects it: detached, or on that passage (before that text)."""
    if expected is None:
        return note.is_detached
    quote, after = expected if isinstance(expected, list) else (expected, "")
    return not note.is_detached and note.quote == quote and note.suffix.startswith(after)


@pytest.mark.django_db
def test_notes_follow_their_passages_across_23_edits():
    """At least 95% of the outcomes (each note after each edit) are right: re-anchored, or reported detached."""
    editor = UserFactory(role="Editor")
    article = ArticleFactory(body=ANCHOR_EDITS["body"])
    notes = [note_add(article=article, by=editor, text=f"Check {q}", field="body", quote=q) for q in ANCHOR_EDITS["notes"]]
    bodies, right, wrong = [article.body], 0, []
    for step, edit in enumerate(ANCHOR_EDITS["edits"], start=1):
        body = bodies[-1]
        if "body" in edit:
            body = edit["body"]
        elif "restore" in edit:
            body = bodies[edit["restore"]]
        for old, new in edit.get("replace", []):
            assert old in body, f"fixture step {step}: {old!r} is not in the body"
            body = body.replace(old, new, 1)
        article.body = body
        article.save()
        bodies.append(body)
        for note, expected in zip(notes, edit["expect"], strict=True):
            note.refresh_from_db()
            if outcome(note, expected):
                right += 1
            else:
                wrong.append((step, edit["why"], note.pk, expected, note.quote, note.is_detached))
    total = right + len(wrong)
    assert len(ANCHOR_EDITS["edits"]) >= 20
    assert right / total >= 0.95, f"{right}/{total} right; wrong: {wrong}"


def test_a_quote_found_unchanged_keeps_its_place_among_copies_by_its_context():
    text = "He said no. Later, in court, he said no again."
    anchor = anchor_in(text, "said no")  # the first copy
    edited = "At first he said no. Later, in court, he said no again."
    found = locate(anchor, edited)
    assert (found.quote, found.position) == ("said no", edited.index("said no"))
    moved = locate(anchor_in(text[12:], "said no"), "Before anything: " + text)  # the second copy's context
    assert moved.suffix.startswith(" again")


def test_a_passage_edited_in_place_beats_a_copy_of_its_old_words_elsewhere():
    text = "The vote is on Tuesday, officials said. Markets open on Monday."
    anchor = anchor_in(text, "on Tuesday")
    edited = "The vote is on Wednesday, officials said. Markets open on Tuesday."
    assert locate(anchor, edited).quote == "on Wednesday"


@pytest.mark.parametrize("edited", ["", "Something else entirely.", "The minister resigned."])
def test_a_passage_deleted_or_rewritten_is_detached(edited):
    anchor = anchor_in("The minister, Jo Park, denied the report.", "denied the report")
    assert locate(anchor, edited) is None


def test_plain_text_drops_markup_and_decodes_entities():
    assert plain_text("<p>Ports &amp; <strong>harbours</strong></p><p>Next</p>", rich=True) == "Ports & harbours Next"


def test_a_quote_at_the_very_start_or_end_is_found_after_an_edit():
    anchor = anchor_in("Strike ends today", "Strike")
    assert locate(anchor, "Strikes end today").quote.startswith("Strike")
    closing = anchor_in("Talks resume on Thursday", "on Thursday")
    assert locate(closing, "Talks resume on Thursdays").quote.startswith("on Thursday")



def test_a_one_letter_quote_in_a_long_body_is_found_again():
    """Every save re-anchors the story's notes (a reader's request too, applying a scheduled update). A quote of
    one letter has copies everywhere in a long body: each start is paired only with the ends close enough to hold
    the passage (pairing each with every end took seconds per save: `make bench` territory, not a timed test)."""
    text = " ".join(["a banana, a papaya and a guava"] * 300)
    found = locate(anchor_in(text, "a"), "Update: " + text)
    assert (found.quote, found.position) == ("a", len("Update: "))


def test_a_quote_still_in_its_old_context_is_found_without_comparing_candidates(monkeypatch):
    """The usual save edits elsewhere: the passage and its context are unchanged, and no candidate is weighed.
    A one-letter quote in a 60 kB body weighed some 6,000 of them, most of a second per note and save."""
    text = " ".join(["a banana, a papaya and a guava"] * 2000)
    anchor = anchor_in(text[30000:], "a")
    anchor = type(anchor)(anchor.quote, anchor.prefix, anchor.suffix, anchor.position + 30000)
    compared = []
    monkeypatch.setattr("notes.anchors._similarity", lambda a, b: compared.append((a, b)) or 1.0)
    found = locate(anchor, "Update: " + text[:40000] + " (corrected)" + text[40000:])
    assert (found.quote, found.position, compared) == ("a", anchor.position + len("Update: "), [])


def test_a_passage_the_text_holds_twice_is_anchored_at_the_copy_selected():
    """A note on the second "the mayor said" was placed, shown and followed on the first: the desk sends the words
    before the selection, and the copy they end is the one anchored (spaces aside: the browser parts blocks its way)."""
    text = "Turnout fell, the mayor said on Monday. Later the mayor said the count was wrong."
    second = anchor_in(text, "the mayor said", before="on Monday.Later ")
    assert (second.position, second.prefix.endswith("Monday. Later ")) == (text.rindex("the mayor said"), True)
    assert anchor_in(text, "the mayor said").position == text.index("the mayor said")  # no hint: the first
    assert anchor_in(text, "the mayor said", before="words that end no copy").position == text.index("the mayor said")
