"""The merge rules of a stale save (desk/merge.py): yours, theirs, either, or a conflict, field by field."""
from datetime import UTC, datetime

import pytest

from desk.merge import comparable, merge_fields

BASE = {"headline": "Ferry strike", "standfirst": "Crews walk out.", "body": "<p>One.</p>"}


@pytest.mark.parametrize(
    ("theirs", "yours", "saved", "kept", "conflicts"),
    [
        # Only you changed a field: yours.
        ({}, {"headline": "Ferry strike ends"}, {"headline": "Ferry strike ends"}, [], []),
        # Only they changed a field: theirs, and it is named as kept.
        ({"standfirst": "Crews are back."}, {}, {"standfirst": "Crews are back."}, ["standfirst"], []),
        # Each changed a different field: both.
        ({"standfirst": "Crews are back."}, {"headline": "Ferry strike ends"},
         {"headline": "Ferry strike ends", "standfirst": "Crews are back."}, ["standfirst"], []),
        # Both changed a field the same way: no conflict.
        ({"headline": "Ferry strike ends"}, {"headline": "Ferry strike ends"}, {"headline": "Ferry strike ends"}, [], []),
        # Both changed a field differently: a conflict, and yours stays in the form.
        ({"headline": "Strike over"}, {"headline": "Ferry strike ends"}, {"headline": "Ferry strike ends"}, [], ["headline"]),
    ],
)
def test_merge_rules(theirs, yours, saved, kept, conflicts):
    """Each field takes the side that changed it; only a field both changed differently conflicts."""
    merge = merge_fields(base=BASE, theirs={**BASE, **theirs}, yours={**BASE, **yours})
    assert {name: value for name, value in merge.values.items() if value != BASE[name]} == saved
    assert (merge.theirs_kept, merge.conflicts) == (kept, conflicts)


def test_a_field_missing_from_the_base_conflicts_when_the_sides_differ():
    """Without the opened version of a field nobody can tell who changed it: a person decides."""
    merge = merge_fields(base={}, theirs={"headline": "Theirs"}, yours={"headline": "Yours"})
    assert merge.conflicts == ["headline"]
    assert merge_fields(base={}, theirs={"headline": "Same"}, yours={"headline": "Same"}).conflicts == []


def test_an_untouched_field_posted_back_in_another_layout_is_unchanged():
    """CR LF from a text area, CKEditor's line breaks between blocks and dropped microseconds are not edits."""
    assert comparable("Line one.\r\nLine two.") == comparable("Line one.\nLine two.")
    assert comparable("<p>One.</p>\n\n<p>Two.</p>\n") == comparable("<p>One.</p><p>Two.</p>")
    moment = datetime(2026, 11, 24, 13, 0, 5, 123456, tzinfo=UTC)
    assert comparable(moment) == comparable(moment.replace(microsecond=0))
    merge = merge_fields(
        base={"body": "<p>One.</p><p>Two.</p>"}, theirs={"body": "<p>One, edited.</p>"}, yours={"body": "<p>One.</p>\n\n<p>Two.</p>"},
    )
    assert (merge.values["body"], merge.conflicts) == ("<p>One, edited.</p>", [])
