"""The API key form on the desk: a save from a page opened before a colleague's is refused with what was typed kept
(`seen`, security.stale_forms.SeenAdmin); a save of a key deleted meanwhile gives the text typed back."""
import pytest
from django.urls import reverse

from api.models import ApiKey
from tests.factories import ApiKeyFactory, UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin_client(client):
    client.force_login(UserFactory(username="site-admin", is_superuser=True))
    return client


def test_an_api_key_saved_from_an_older_page_does_not_undo_a_colleagues_change(site_admin_client):
    key = ApiKeyFactory(name="TV app")
    change = reverse("admin:api_apikey_change", args=[key.pk])
    colleague = browser_of(UserFactory(username="co-admin", is_superuser=True))
    page = opened_before_a_colleagues_save(site_admin_client, change, colleague, name="TV app (Samsung, Tizen)")

    response = site_admin_client.post(change, form_values(page, rate_limit="120"))
    key.refresh_from_db()
    assert key.name == "TV app (Samsung, Tizen)", "the colleague's name was put back silently"
    assert response.status_code == 200 and "It now says: name: “TV app (Samsung, Tizen)”." in response.content.decode()
    assert site_admin_client.post(change, form_values(response.content.decode())).status_code == 302
    key.refresh_from_db()
    assert key.rate_limit == 120 and key.name == "TV app"  # told, the admin saved their page as it was


def test_saving_an_api_key_deleted_meanwhile_gives_back_what_was_typed(site_admin_client):
    key = ApiKeyFactory(name="TV app")
    change = reverse("admin:api_apikey_change", args=[key.pk])
    page = site_admin_client.get(change).content.decode()
    ApiKey.objects.filter(pk=key.pk).delete()
    response = site_admin_client.post(change, form_values(page, name="Partner: Example Radio, Vienna"), follow=True)
    assert response.status_code == 404 and "Nothing was saved" in response.content.decode()
    assert "Partner: Example Radio, Vienna" in response.content.decode()
