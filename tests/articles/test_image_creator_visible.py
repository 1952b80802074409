"""JSON-LD `creator` of the lead photo: whom the credit line names, never a name of invisible characters."""
import pytest

from tests.articles.reader import json_ld
from tests.factories import ArticleFactory, PhotoFactory, image_file

AFP = {"@type": "Organization", "name": "Agence France-Presse"}


@pytest.mark.django_db
@pytest.mark.parametrize(("traits", "credit"), [
    ({"photographer": "\u200b"}, "(AFP photo)"),
    ({"photographer": "\ufeff"}, "(AFP photo)"),
    ({"handout": True, "released_by": "\u200b"}, "(Via AFP)"),
], ids=["agency photo, zero-width photographer", "agency photo, BOM photographer", "handout, zero-width releaser"])
def test_json_ld_creator_is_not_an_invisible_name_the_credit_line_leaves_out(client, traits, credit):
    """The credit line reads a photographer or releaser of invisible characters alone (a zero-width space, a BOM,
    pasted with a name) as no one: readers see "(AFP photo)". The JSON-LD `ImageObject.creator`, which Google shows
    as the picture's creator, named a Person (or Organization) called "\u200b": the picture attributed to no one
    instead of to AFP, the structured data contradicting the visible credit."""
    photo = PhotoFactory(image=image_file(size=(300, 200)), **traits)
    assert photo.credit == credit
    story = ArticleFactory(published=True, lead_photo=photo)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    image = json_ld(response.content.decode())["NewsArticle"]["image"]
    assert image["creditText"] == credit
    assert image.get("creator") == AFP
