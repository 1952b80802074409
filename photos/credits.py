"""The one place that words a photo credit. Templates and exports show `Photo.credit`, never build their own."""
import unicodedata

from django.utils.translation import gettext as _

AGENCY = "agency"
VIA_AGENCY = "via_agency"
STAFF = "staff"
OTHER = "other"


# Letters and marks that show nothing, beyond the format characters (Unicode's Default_Ignorable_Code_Point):
# the combining grapheme joiner and the Hangul fillers, which pass for a name.
INVISIBLE = frozenset("\u034f\u115f\u1160\u3164\uffa0")


def visible(text: str | None) -> str:
    """`text` stripped, or "" if nothing in it shows: white space and format characters alone (a zero-width space,
    a BOM, pasted with a name) credited nobody, "(Staff photo: )", and passed as a photographer all the same."""
    text = (text or "").strip()
    return text if any(not (char.isspace() or unicodedata.category(char) == "Cf" or char in INVISIBLE) for char in text) else ""


def credit_line(*, credit_type: str, agency: str = "", photographer: str = "") -> str:
    """Return the credit in parentheses, e.g. "(AFP photo)", or "" when the credit is incomplete.

    `agency` is the agency's short name ("AFP"). An empty result means the photo may not be published.
    """
    agency, photographer = visible(agency), visible(photographer)
    if credit_type == AGENCY and agency:
        if photographer:
            return _("(Photo by %(photographer)s/%(agency)s)") % {"photographer": photographer, "agency": agency}
        return _("(%(agency)s photo)") % {"agency": agency}
    if credit_type == VIA_AGENCY and agency:
        # A handout is credited to the agency that distributed it, not to whoever released it:
        # the newsroom's licence is with the agency. The releaser belongs in the caption.
        return _("(Via %(agency)s)") % {"agency": agency}
    if credit_type == STAFF and photographer:
        return _("(Staff photo: %(photographer)s)") % {"photographer": photographer}
    if credit_type == OTHER and photographer:
        if agency:
            return _("(Photo by %(photographer)s/%(agency)s)") % {"photographer": photographer, "agency": agency}
        return _("(Photo by %(photographer)s)") % {"photographer": photographer}
    return ""
