"""Tags on the desk (taggit's admin, where editors rename them): a rename from a page opened before a colleague's
is refused with what was typed kept (`seen`, security.stale_forms.SeenAdmin)."""
import pytest
from django.urls import reverse
from taggit.models import Tag

from tests.factories import UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


def test_a_tag_renamed_from_an_older_page_does_not_undo_a_colleagues_rename(editor_client):
    tag = Tag.objects.create(name="Elections", slug="elections")
    change = reverse("admin:taggit_tag_change", args=[tag.pk])
    colleague = browser_of(UserFactory(username="co-editor", role="Editor"))
    page = opened_before_a_colleagues_save(editor_client, change, colleague, name="Elections 2027")

    response = editor_client.post(change, form_values(page, slug="elections-2027"))
    tag.refresh_from_db()
    assert tag.name == "Elections 2027", "the colleague's rename was put back silently"
    refused = response.content.decode()
    assert response.status_code == 200 and 'value="elections-2027"' in refused
    assert "It now says: name: “Elections 2027”." in refused

    assert editor_client.post(change, form_values(refused, name="Elections 2027")).status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Elections 2027", "elections-2027")
