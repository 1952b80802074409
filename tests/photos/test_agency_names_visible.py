"""An agency's names are in every credit line of its photos: no change of them may leave a published photo uncredited."""
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, PhotoFactory, UserFactory, image_file


@pytest.mark.django_db
@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u3164"], ids=["zero-width space", "BOM", "Hangul filler"])
@pytest.mark.parametrize("name", ["short_name", "name"])
def test_an_agency_name_of_invisible_characters_is_refused_on_its_form(client, invisible, name):
    """The credit rule reads a name of invisible characters as no name. The agency form took a short name of a
    zero-width space (pasted over "AFP"), and every published AFP photo's credit line was empty at once: the wire
    photo on the story page, cards and feeds with no credit at all. The full name is the JSON-LD creator's."""
    photo = PhotoFactory(image=image_file(size=(300, 200)))
    story = ArticleFactory(published=True, lead_photo=photo)
    assert photo.credit == "(AFP photo)"
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    typed = {"short_name": "AFP", "name": "Agence France-Presse", "is_active": "on", name: invisible}
    response = client.post(reverse("admin:photos_agency_change", args=[photo.agency.pk]), typed)
    assert response.status_code == 200 and "Write a name that shows" in response.content.decode()
    photo.refresh_from_db()
    assert photo.credit == "(AFP photo)" and photo.agency.name == "Agence France-Presse"
    client.logout()
    assert '<span class="figure__credit">(AFP photo)</span>' in client.get(story.get_absolute_url()).content.decode()
