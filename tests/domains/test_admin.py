"""Domains on the desk: site admins only, exactly one primary, through real admin requests."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from domains.models import Domain, PlatformLink, SiteSettings
from domains.services import domain_delete, domain_save
from tests.factories import PRIMARY, UserFactory
from tests.helpers import browser_of, form_values, list_edited

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:domains_domain_changelist")
ADD = reverse("admin:domains_domain_add")


def change_url(domain):
    return reverse("admin:domains_domain_change", args=[domain.pk])


def form_data(domain=None, **changes):
    data = {"hostname": "", "label": "", "is_active": "on", "mode": "serve", "position": "0"}
    if domain is not None:
        data.update(hostname=domain.hostname, label=domain.label, mode=domain.mode, position=str(domain.position))
        if domain.is_primary:
            data["is_primary"] = "on"
        if not domain.is_active:
            del data["is_active"]
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def site_settings_form(*, site_name, url):
    """The site settings form with the site's name and one new platform link (a TV app) at `url`."""
    return {
        "site_name": site_name,
        "platform_links-TOTAL_FORMS": "1", "platform_links-INITIAL_FORMS": "0",
        "platform_links-MIN_NUM_FORMS": "0", "platform_links-MAX_NUM_FORMS": "1000",
        "platform_links-0-label": "TV app", "platform_links-0-url": url, "platform_links-0-position": "0",
    }


def errors_of(response):
    return response.context["adminform"].form.errors


@pytest.fixture
def admin_host(client):
    """The desk is reached on the primary domain, like every page."""
    client.defaults["HTTP_HOST"] = PRIMARY
    return client


class TestPermissions:
    @pytest.mark.parametrize("url_name", [
        "admin:domains_domain_changelist", "admin:domains_domain_add",
        "admin:domains_sitesettings_changelist", "admin:domains_sitesettings_add",
    ])
    def test_editor_gets_403_on_domain_pages(self, editor_client, mirrors, url_name):
        assert editor_client.get(reverse(url_name), HTTP_HOST=PRIMARY).status_code == 403

    def test_editor_gets_403_on_a_domain_change_page_and_cannot_post(self, editor_client, mirrors):
        mirror = Domain.objects.get(hostname="mirror1.newsroom.example")
        assert editor_client.get(change_url(mirror), HTTP_HOST=PRIMARY).status_code == 403
        response = editor_client.post(change_url(mirror), form_data(mirror, is_active=None), HTTP_HOST=PRIMARY)
        assert response.status_code == 403
        assert Domain.objects.get(pk=mirror.pk).is_active

    def test_editor_with_domain_permissions_still_gets_403(self, editor_client, editor, mirrors):
        """Site admins are superusers: a group granted the model permissions does not open the desk page."""
        from django.contrib.auth.models import Permission

        editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="domains"))
        assert editor_client.get(CHANGELIST, HTTP_HOST=PRIMARY).status_code == 403
        assert editor_client.post(ADD, form_data(hostname="rogue.example"), HTTP_HOST=PRIMARY).status_code == 403
        assert not Domain.objects.filter(hostname="rogue.example").exists()

    def test_domains_are_hidden_from_the_editors_desk_index(self, editor_client, mirrors):
        assert "Domains and site" not in editor_client.get(reverse("admin:index"), HTTP_HOST=PRIMARY).content.decode()

    def test_site_admin_sees_the_domain_list(self, admin_client, admin_host, mirrors):
        content = admin_client.get(CHANGELIST).content.decode()
        assert "mirror2.newsroom.example" in content

    def test_services_refuse_non_superusers(self, editor, mirrors):
        mirror = Domain.objects.get(hostname="mirror1.newsroom.example")
        with pytest.raises(PermissionDenied):
            domain_save(domain=mirror, by=editor)
        with pytest.raises(PermissionDenied):
            domain_delete(domain=mirror, by=editor)


class TestAddAndChange:
    def test_site_admin_adds_a_mirror_that_is_served_at_once(self, admin_client, admin_host, mirrors):
        response = admin_client.post(ADD, form_data(hostname="  Mirror4.NewsRoom.example. ", position="4"))
        assert response.status_code == 302
        assert Domain.objects.filter(hostname="mirror4.newsroom.example").exists()
        assert admin_client.get("/", HTTP_HOST="mirror4.newsroom.example").status_code == 200

    def test_site_admin_deactivates_a_mirror_that_is_refused_at_once(self, admin_client, admin_host, mirrors):
        mirror = Domain.objects.get(hostname="mirror1.newsroom.example")
        assert admin_client.post(change_url(mirror), form_data(mirror, is_active=None)).status_code == 302
        assert admin_client.get("/", HTTP_HOST=mirror.hostname).status_code == 400

    @pytest.mark.parametrize("hostname", ["https://mirror4.newsroom.example", "mirror4.newsroom.example:8080", "mirror 4.example", "mirror4.newsroom.example/news"])
    def test_malformed_hostname_is_a_form_error(self, admin_client, admin_host, mirrors, hostname):
        response = admin_client.post(ADD, form_data(hostname=hostname))
        assert response.status_code == 200
        assert "Enter a host name only" in str(errors_of(response)["hostname"])

    def test_an_internationalised_hostname_is_asked_for_in_its_ascii_form(self, admin_client, admin_host, mirrors):
        """"Enter a host name only: no http://, no path, no port" told the desk nothing about what was wrong with
        haberçi.example: it is asked for as the registrar and the browsers write it in DNS."""
        response = admin_client.post(ADD, form_data(hostname="haberçi.example"))
        assert response.status_code == 200
        assert "xn--" in str(errors_of(response)["hostname"])
        assert not Domain.objects.filter(hostname__startswith="haber").exists()

    def test_hostname_is_unique_whatever_its_case(self, admin_client, admin_host, mirrors):
        response = admin_client.post(ADD, form_data(hostname="MIRROR1.newsroom.example"))
        assert response.status_code == 200
        assert "hostname" in errors_of(response)

    def test_position_is_editable_from_the_list(self, admin_client, admin_host, mirrors):
        mirror = Domain.objects.get(hostname="mirror3.newsroom.example")
        domains = list(Domain.objects.all())
        data = {"form-TOTAL_FORMS": str(len(domains)), "form-INITIAL_FORMS": str(len(domains)), "_save": "Save"}
        for index, domain in enumerate(domains):
            data[f"form-{index}-id"] = str(domain.pk)
            data[f"form-{index}-position"] = "0" if domain == mirror else str(domain.position)
        assert admin_client.post(CHANGELIST, data).status_code == 302
        assert Domain.objects.get(pk=mirror.pk).position == 0

    def test_positions_saved_from_an_older_list_do_not_put_back_a_colleagues(self, admin_client, admin_host, mirrors):
        """Another site admin moved mirror3 to the front from the list; this one's save from the list opened
        before is refused on mirror3's row, the positions typed kept, and goes through once told."""
        mirror1, mirror3 = (Domain.objects.get(hostname=f"mirror{n}.newsroom.example") for n in (1, 3))
        page = admin_client.get(CHANGELIST).content.decode()
        colleague = browser_of(UserFactory(username="co-admin", is_superuser=True))
        colleague.defaults["HTTP_HOST"] = PRIMARY
        assert colleague.post(CHANGELIST, list_edited(colleague.get(CHANGELIST).content.decode(), "position", {mirror3.pk: 0})).status_code == 302

        response = admin_client.post(CHANGELIST, list_edited(page, "position", {mirror1.pk: 4}))
        refused = response.content.decode()
        assert response.status_code == 200
        assert (Domain.objects.get(pk=mirror1.pk).position, Domain.objects.get(pk=mirror3.pk).position) == (1, 0)
        assert "The domain “mirror3.newsroom.example” was changed while you were editing it" in refused
        assert "position: “0”" in refused
        assert 'name="form-1-position" value="4"' in refused and 'name="form-3-position" value="3"' in refused  # as typed

        assert admin_client.post(CHANGELIST, list_edited(refused, "position", {mirror3.pk: 0})).status_code == 302
        assert (Domain.objects.get(pk=mirror1.pk).position, Domain.objects.get(pk=mirror3.pk).position) == (4, 0)

    def test_a_domain_saved_from_a_page_opened_before_a_colleagues_save_is_refused_with_what_was_typed(
            self, admin_client, admin_host, mirrors):
        """Another site admin made mirror2 the primary, which demoted the old one: this one's save of the old
        primary from the page opened before (its label retyped) would make it primary again. Refused, typed kept;
        saved again once told, it goes through."""
        primary, mirror2 = Domain.objects.get(is_primary=True), Domain.objects.get(hostname="mirror2.newsroom.example")
        page = admin_client.get(change_url(primary)).content.decode()
        colleague = browser_of(UserFactory(username="co-admin", is_superuser=True))
        colleague.defaults["HTTP_HOST"] = PRIMARY
        assert colleague.post(change_url(mirror2), form_values(colleague.get(change_url(mirror2)).content.decode(),
                                                               is_primary="on")).status_code == 302

        response = admin_client.post(change_url(primary), form_values(page, label="Main site"))
        refused = response.content.decode()
        assert response.status_code == 200
        assert "This domain was changed while you were editing it" in refused and "primary: “no”" in refused
        assert 'name="label" value="Main site"' in refused
        assert list(Domain.objects.filter(is_primary=True)) == [mirror2] and Domain.objects.get(pk=primary.pk).label != "Main site"

        assert admin_client.post(change_url(primary), form_values(refused)).status_code == 302
        assert Domain.objects.get(pk=primary.pk).label == "Main site"


class TestExactlyOnePrimary:
    def test_unticking_the_primary_is_a_form_error(self, admin_client, admin_host, mirrors):
        primary = Domain.objects.get(is_primary=True)
        response = admin_client.post(change_url(primary), form_data(primary, is_primary=None))
        assert response.status_code == 200
        assert "There must be exactly one primary domain" in str(errors_of(response)["is_primary"])
        assert Domain.objects.get(pk=primary.pk).is_primary

    def test_first_domain_must_be_primary(self, admin_client, admin_host, db):
        response = admin_client.post(ADD, form_data(hostname="mirror1.newsroom.example"))
        assert response.status_code == 200
        assert "There is no primary domain yet" in str(errors_of(response)["is_primary"])
        assert admin_client.post(ADD, form_data(hostname=PRIMARY, is_primary="on")).status_code == 302

    def test_ticking_primary_on_a_mirror_makes_it_the_only_primary(self, admin_client, admin_host, mirrors):
        mirror = Domain.objects.get(hostname="mirror2.newsroom.example")
        assert admin_client.post(change_url(mirror), form_data(mirror, is_primary="on")).status_code == 302
        assert list(Domain.objects.filter(is_primary=True).values_list("hostname", flat=True)) == [mirror.hostname]
        content = admin_client.get("/", HTTP_HOST="mirror1.newsroom.example").content.decode()
        assert '<link rel="canonical" href="http://mirror2.newsroom.example/">' in content
        assert "<li>newsroom.example</li>" in content  # the old primary is now an alternate

    def test_adding_a_new_primary_demotes_the_old_one(self, admin_client, admin_host, mirrors):
        assert admin_client.post(ADD, form_data(hostname="new.example", is_primary="on")).status_code == 302
        assert list(Domain.objects.filter(is_primary=True).values_list("hostname", flat=True)) == ["new.example"]

    @pytest.mark.parametrize(("field", "changes"), [("is_active", {"is_active": None}), ("mode", {"mode": "redirect"})])
    def test_primary_must_be_active_and_serving(self, admin_client, admin_host, mirrors, field, changes):
        mirror = Domain.objects.get(hostname="mirror2.newsroom.example")
        response = admin_client.post(change_url(mirror), form_data(mirror, is_primary="on", **changes))
        assert response.status_code == 200
        assert field in errors_of(response)
        assert Domain.objects.get(is_primary=True).hostname == PRIMARY

    def test_the_database_refuses_a_second_primary(self, mirrors):
        with pytest.raises(IntegrityError), transaction.atomic():
            Domain.objects.filter(hostname="mirror1.newsroom.example").update(is_primary=True)

    def test_the_database_refuses_an_inactive_primary(self, mirrors):
        with pytest.raises(IntegrityError), transaction.atomic():
            Domain.objects.filter(is_primary=True).update(is_active=False)

    def test_primary_cannot_be_deleted(self, admin_client, admin_host, mirrors):
        primary = Domain.objects.get(is_primary=True)
        delete = reverse("admin:domains_domain_delete", args=[primary.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403
        bulk = {"action": "delete_selected", "_selected_action": [primary.pk], "post": "yes"}
        assert admin_client.post(CHANGELIST, bulk).status_code == 403
        assert Domain.objects.filter(pk=primary.pk).exists()

    def test_delete_service_refuses_the_primary(self, admin_user, mirrors):
        with pytest.raises(ValidationError):
            domain_delete(domain=Domain.objects.get(is_primary=True), by=admin_user)

    def test_a_mirror_can_be_deleted(self, admin_client, admin_host, mirrors):
        mirror = Domain.objects.get(hostname="mirror3.newsroom.example")
        delete = reverse("admin:domains_domain_delete", args=[mirror.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 302
        assert admin_client.get("/", HTTP_HOST=mirror.hostname).status_code == 400


class TestSiteSettings:
    def test_site_admin_edits_the_name_and_platform_links_in_one_place(self, admin_client, admin_host, primary):
        response = admin_client.get(reverse("admin:domains_sitesettings_changelist"))
        assert response.status_code == 302
        change = response["Location"]
        data = site_settings_form(site_name="Daily Selvanik", url="https://tv.newsroom.example/")
        assert admin_client.post(change, data).status_code == 302
        content = admin_client.get("/", HTTP_HOST="newsroom.example").content.decode()
        assert "Daily Selvanik on other platforms" in content
        assert '<a href="https://tv.newsroom.example/" rel="noopener">TV app</a>' in content

    def test_platform_link_must_be_a_web_address(self, admin_client, admin_host, primary):
        change = reverse("admin:domains_sitesettings_change", args=[SiteSettings.load().pk])
        data = site_settings_form(site_name="", url="javascript:alert(1)")
        assert admin_client.post(change, data).status_code == 200
        assert not PlatformLink.objects.exists()
