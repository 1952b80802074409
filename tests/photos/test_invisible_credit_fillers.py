"""Found in review (photos/credits.py, `visible`): "nothing in it shows" is judged by white space and format
characters (Cf) only. Unicode's other default-ignorable characters, which no font draws either, pass as a name:
the Hangul fillers (Lo, the usual "blank name" of games and chat apps), the combining grapheme joiner (Mn). A staff
photo credited to one of them goes out as "(Staff photo: )", which the rule exists to stop."""
import pytest

from photos.credits import STAFF, credit_line


@pytest.mark.parametrize("invisible", ["\u3164", "\u115f", "\u034f", "\uffa0"],
                         ids=["hangul filler", "hangul choseong filler", "combining grapheme joiner", "halfwidth hangul filler"])
def test_a_photographer_of_default_ignorable_characters_only_credits_no_one(invisible):
    """Each is Default_Ignorable_Code_Point in Unicode's DerivedCoreProperties: drawn as nothing."""
    assert credit_line(credit_type=STAFF, photographer=invisible) == "", "a credit line naming no one visible"
