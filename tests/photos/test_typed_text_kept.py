"""The agency form on the desk: a save from a page opened before a colleague's is refused with what was typed kept
(`seen`, security.stale_forms.SeenAdmin); a save of an agency deleted meanwhile gives the text typed back."""
import pytest
from django.urls import reverse

from photos.models import Agency
from tests.factories import AgencyFactory, UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin_client(client):
    client.force_login(UserFactory(username="site-admin", is_superuser=True))
    return client


def test_an_agency_saved_from_an_older_page_does_not_undo_a_colleagues_name(site_admin_client):
    agency = AgencyFactory(short_name="AFP", name="Agence France-Presse")
    change = reverse("admin:photos_agency_change", args=[agency.pk])
    colleague = browser_of(UserFactory(username="co-admin", is_superuser=True))
    page = opened_before_a_colleagues_save(site_admin_client, change, colleague, name="Agence France-Presse (contract 2027)")

    response = site_admin_client.post(change, form_values(page, short_name="AFP."))
    agency.refresh_from_db()
    assert agency.name == "Agence France-Presse (contract 2027)", "the colleague's name was put back silently"
    refused = response.content.decode()
    assert response.status_code == 200 and 'value="AFP."' in refused
    assert "It now says: full name: “Agence France-Presse (contract 2027)”." in refused

    assert site_admin_client.post(change, form_values(refused, name="Agence France-Presse (contract 2027)")).status_code == 302
    agency.refresh_from_db()
    assert (agency.short_name, agency.name) == ("AFP.", "Agence France-Presse (contract 2027)")


def test_saving_an_agency_deleted_meanwhile_gives_back_what_was_typed(site_admin_client):
    agency = AgencyFactory(short_name="AFP", name="Agence France-Presse")
    change = reverse("admin:photos_agency_change", args=[agency.pk])
    page = site_admin_client.get(change).content.decode()
    Agency.objects.filter(pk=agency.pk).delete()

    response = site_admin_client.post(change, form_values(page, name="Agence France-Presse, Paris desk"), follow=True)
    assert response.status_code == 404 and "Nothing was saved" in response.content.decode()
    assert "Agence France-Presse, Paris desk" in response.content.decode()
