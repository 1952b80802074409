"""The site settings' platform links on the desk: a link a colleague deleted while its label was retyped comes back
as a new row with the label typed, told once by name (security.stale_forms.RowsKeptFormSet)."""
import pytest
from django.urls import reverse

from domains.models import SiteSettings
from tests.factories import PlatformLinkFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def test_site_settings_saved_after_a_colleague_deleted_a_platform_link_give_back_the_label_typed_in_it(admin_client):
    """Found in a review: the save said "Please correct the error below." with no error shown, and the link's row,
    with the label typed, was gone from the page. It is told by name and back as a new row; saved again, it is in."""
    from domains.models import PlatformLink

    link = PlatformLinkFactory(label="TV app")
    change = reverse("admin:domains_sitesettings_change", args=[SiteSettings.load().pk])
    page = admin_client.get(change).content.decode()
    PlatformLink.objects.filter(pk=link.pk).delete()

    response = admin_client.post(change, form_values(page, **{"platform_links-0-label": "Our TV app, now on Tizen"}))
    refused = response.content.decode()
    assert response.status_code == 200
    assert "A colleague deleted the link “Our TV app, now on Tizen” after you opened this page." in refused
    assert 'value="Our TV app, now on Tizen"' in refused and not PlatformLink.objects.exists()

    assert admin_client.post(change, form_values(refused)).status_code == 302
    assert list(PlatformLink.objects.values_list("label", flat=True)) == ["Our TV app, now on Tizen"]
