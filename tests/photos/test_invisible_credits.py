"""No photo goes out with a credit line naming no one: a name of invisible characters is no name (found in a review)."""
import pytest
from django.core.exceptions import ValidationError

from articles.models import Article
from desk.services import article_publish
from photos.models import Photo
from tests.factories import ArticleFactory, PhotoFactory


@pytest.mark.django_db
@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u2060\u200b"], ids=["zero-width space", "BOM", "word joiner"])
def test_a_staff_photo_whose_photographer_is_only_invisible_characters_cannot_be_published(editor, invisible):
    """The credit rule strips only Python whitespace: a photographer field holding nothing but a zero-width space or
    a BOM (pasted from a web page or a Word file) passes the credit type's "photographer required" check and words
    the credit "(Staff photo: \u200b)". Readers see "(Staff photo: )": a picture published with no one credited,
    which the editorial rule exists to stop."""
    photo = PhotoFactory(staff=True, photographer=invisible, caption="Flooded street in Varna")
    assert photo.credit_type == Photo.CreditType.STAFF
    story = ArticleFactory(status=Article.Status.REVIEW, lead_photo=photo)
    with pytest.raises(ValidationError, match="needs a credit"):
        article_publish(article=story, by=editor)
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW, f"published with the credit line {photo.credit!r}"
