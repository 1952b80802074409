"""The site settings' platform links, rewritten by two site admins: a colleague's rewrite is told, not put back."""
import pytest
from django.urls import reverse

from domains.models import PlatformLink, SiteSettings
from tests.factories import PlatformLinkFactory, UserFactory
from tests.helpers import browser_of, form_values

pytestmark = pytest.mark.django_db


def test_a_platform_link_a_colleague_rewrote_is_not_put_back_by_a_save_of_the_site_name(admin_client):
    """Two site admins have the site settings open. One rewrites a platform link's label ("TV app" → "Our TV app,
    now on Tizen") and saves. The other, whose page still shows "TV app", changes only the site's name and saves:
    the link's row was posted as the page showed it and saved back, the colleague's label gone with no word to
    anyone (only the site name carried `seen`). The save is refused naming the links as they are now."""
    link = PlatformLinkFactory(label="TV app")
    change = reverse("admin:domains_sitesettings_change", args=[SiteSettings.load().pk])
    page = admin_client.get(change).content.decode()
    colleague = browser_of(UserFactory(username="other-site-admin", is_superuser=True))
    theirs = form_values(colleague.get(change).content.decode(), **{"platform_links-0-label": "Our TV app, now on Tizen"})
    assert colleague.post(change, theirs).status_code == 302
    assert PlatformLink.objects.get(pk=link.pk).label == "Our TV app, now on Tizen"

    response = admin_client.post(change, form_values(page, site_name="The Harbour Courier"))
    assert PlatformLink.objects.get(pk=link.pk).label == "Our TV app, now on Tizen", (
        "the colleague's label was silently put back to the one the older page showed")
    assert response.status_code == 200 and "Our TV app, now on Tizen" in response.content.decode()
