"""taggit's merge page (its TagAdmin's merge-tags/) asks for a desk login only: found in a review, a journalist, who holds
no tag permission, could open it and make tags through it. It asks for the change permission, as the list does."""
import pytest
from django.test import Client
from taggit.models import Tag

from tests.factories import UserFactory

MERGE_URL = "/admin/taggit/tag/merge-tags/"


@pytest.mark.django_db
def test_journalist_cannot_open_taggits_merge_tags_page():
    """taggit's TagAdmin (re-registered as NewsroomTagAdmin) adds merge-tags/ wrapped only in admin_view:
    any staff user opens it, though a journalist holds no taggit permission (the tag list itself is 403)."""
    client = Client()
    client.force_login(UserFactory(username="jo-journalist", role="Journalist"))
    assert client.get("/admin/taggit/tag/").status_code == 403
    assert client.get(MERGE_URL).status_code == 403


@pytest.mark.django_db
def test_journalist_cannot_make_a_tag_through_merge_tags():
    """A journalist's POST to merge-tags/ creates the tag named (Tag.objects.get_or_create) without add_tag."""
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="jo-journalist", role="Journalist"))
    response = client.post(MERGE_URL, {"new_tag_name": "Scoop-name"})
    assert not Tag.objects.filter(name="Scoop-name").exists()
    assert response.status_code == 403


@pytest.mark.django_db
def test_an_editor_still_opens_the_merge_page(editor_client):
    assert editor_client.get(MERGE_URL).status_code == 200
