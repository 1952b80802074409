"""The domain and site settings forms on the desk: a save from a page opened before a colleague's is refused with what was typed kept
(`seen`, security.stale_forms.SeenAdmin); a save of a domain deleted meanwhile gives the text typed back."""
import pytest
from django.urls import reverse

from domains.models import Domain, SiteSettings
from tests.factories import DomainFactory, PlatformLinkFactory, UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin_client(client):
    client.force_login(UserFactory(username="site-admin", is_superuser=True))
    return client


def test_saving_a_domain_deleted_meanwhile_gives_back_what_was_typed(site_admin_client):
    DomainFactory(hostname="newsroom.example", is_primary=True, position=0)
    mirror = DomainFactory(hostname="mirror.example", position=1)
    change = reverse("admin:domains_domain_change", args=[mirror.pk])
    page = site_admin_client.get(change).content.decode()
    Domain.objects.filter(pk=mirror.pk).delete()

    response = site_admin_client.post(change, form_values(page, label="The Balkans edition, from Sarajevo"), follow=True)
    assert response.status_code == 404 and "Nothing was saved" in response.content.decode()
    assert "The Balkans edition, from Sarajevo" in response.content.decode()


def test_site_settings_saved_from_an_older_page_do_not_undo_a_colleagues_site_name(site_admin_client):
    settings_row = SiteSettings.load()
    SiteSettings.objects.filter(pk=settings_row.pk).update(site_name="The Newsroom")
    change = reverse("admin:domains_sitesettings_change", args=[settings_row.pk])
    colleague = browser_of(UserFactory(username="co-admin", is_superuser=True))
    page = opened_before_a_colleagues_save(site_admin_client, change, colleague, site_name="The Newsroom Daily")

    typed = form_values(page, **{"platform_links-0-label": "Our TV app", "platform_links-0-url": "https://tv.example/",
                                 "platform_links-0-position": "0"})
    response = site_admin_client.post(change, typed)
    settings_row.refresh_from_db()
    assert settings_row.site_name == "The Newsroom Daily", "the colleague's site name was put back silently"
    refused = response.content.decode()
    assert response.status_code == 200 and "It now says: site name: “The Newsroom Daily”." in refused
    assert 'value="Our TV app"' in refused



def test_site_settings_saved_after_a_colleague_deleted_a_platform_link_give_back_the_label_typed_in_it(site_admin_client):
    """Found in a review: the save said "Please correct the error below." with no error shown, and the link's row,
    with the label typed, was gone from the page. It is told by name and back as a new row; saved again, it is in."""
    from domains.models import PlatformLink

    link = PlatformLinkFactory(label="TV app")
    change = reverse("admin:domains_sitesettings_change", args=[SiteSettings.load().pk])
    page = site_admin_client.get(change).content.decode()
    PlatformLink.objects.filter(pk=link.pk).delete()

    response = site_admin_client.post(change, form_values(page, **{"platform_links-0-label": "Our TV app, now on Tizen"}))
    refused = response.content.decode()
    assert response.status_code == 200
    assert "A colleague deleted the link “Our TV app, now on Tizen” after you opened this page." in refused
    assert 'value="Our TV app, now on Tizen"' in refused and not PlatformLink.objects.exists()

    assert site_admin_client.post(change, form_values(refused)).status_code == 302
    assert list(PlatformLink.objects.values_list("label", flat=True)) == ["Our TV app, now on Tizen"]
