"""Credit lines: one function words them, the same everywhere."""
import pytest

from photos.credits import credit_line
from photos.models import Photo
from tests.factories import AgencyFactory, PhotoFactory

CASES = [
    # credit type, agency, photographer, credit
    (Photo.CreditType.AGENCY, "AFP", "", "(AFP photo)"),
    (Photo.CreditType.AGENCY, "AFP", "Jane Doe", "(Photo by Jane Doe/AFP)"),
    (Photo.CreditType.VIA_AGENCY, "AFP", "", "(Via AFP)"),
    (Photo.CreditType.VIA_AGENCY, "AFP", "Somebody", "(Via AFP)"),
    (Photo.CreditType.STAFF, "", "Jane Doe", "(Staff photo: Jane Doe)"),
    (Photo.CreditType.OTHER, "", "Jane Doe", "(Photo by Jane Doe)"),
    (Photo.CreditType.OTHER, "Reuters", "Jane Doe", "(Photo by Jane Doe/Reuters)"),
    # Incomplete credits word nothing, so the publishing rule can refuse them.
    ("", "AFP", "Jane Doe", ""),
    (Photo.CreditType.AGENCY, "", "Jane Doe", ""),
    (Photo.CreditType.VIA_AGENCY, "", "", ""),
    (Photo.CreditType.STAFF, "AFP", "  ", ""),
    (Photo.CreditType.OTHER, "AFP", "", ""),
]


@pytest.mark.parametrize(("credit_type", "agency", "photographer", "expected"), CASES)
def test_credit_line_wording(credit_type, agency, photographer, expected):
    assert credit_line(credit_type=credit_type, agency=agency, photographer=photographer) == expected


@pytest.mark.django_db
def test_photo_credit_uses_the_agencys_short_name():
    """The model property and the function agree: "(Via AFP)" for a handout AFP distributed."""
    photo = PhotoFactory(handout=True, agency=AgencyFactory(short_name="AFP", name="Agence France-Presse"))
    assert photo.credit == "(Via AFP)"
    assert PhotoFactory(staff=True).credit == "(Staff photo: Jane Doe)"
    assert PhotoFactory(bare=True).credit == ""


@pytest.mark.django_db
@pytest.mark.parametrize(("credit_type", "missing"), [
    (Photo.CreditType.AGENCY, {"agency"}),
    (Photo.CreditType.VIA_AGENCY, {"agency", "released_by"}),
    (Photo.CreditType.STAFF, {"photographer"}),
    (Photo.CreditType.OTHER, {"photographer"}),
])
def test_each_credit_type_requires_its_fields(credit_type, missing):
    from django.core.exceptions import ValidationError

    photo = Photo(credit_type=credit_type)
    with pytest.raises(ValidationError) as error:
        photo.clean()
    assert set(error.value.message_dict) == missing


@pytest.mark.django_db
def test_figure_renders_caption_then_credit(client):
    """The figure include shows "caption (credit)" under the picture, from Photo.credit."""
    from django.template.loader import render_to_string

    photo = PhotoFactory(caption="Envoys arrive in Selvanik.", handout=True)
    html = render_to_string("photos/includes/figure.html", {"photo": photo})
    caption = html.split("<figcaption", 1)[1].split("</figcaption>", 1)[0]
    assert "Envoys arrive in Selvanik." in caption and '<span class="figure__credit">(Via AFP)</span>' in caption
    assert html.index("<picture>") < html.index("<figcaption")
