"""The desk's smaller admin forms (security.stale_forms.SeenAdmin): a save from a page opened before a colleague's
is refused with what was typed kept and what the row says now; saved again, it goes through. A save of a row
deleted meanwhile gives the text typed back. Found in a review: each of them put the colleague's save back
silently, or sent the text to Django's "doesn't exist" redirect."""
from typing import NamedTuple

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from taggit.models import Tag

from domains.models import SiteSettings
from tests.factories import AgencyFactory, ApiKeyFactory, DomainFactory, UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


class Case(NamedTuple):
    make: object  # () -> the row
    role: dict  # who edits it
    theirs: dict  # the colleague's save
    yours: dict  # typed on the older page
    told: str  # what the refusal says the row says now


def site_settings():
    SiteSettings.objects.filter(pk=SiteSettings.load().pk).update(site_name="The Newsroom")
    return SiteSettings.load()


SITE_ADMIN, EDITOR = {"is_superuser": True}, {"role": "Editor"}
STALE = {
    "agency": Case(lambda: AgencyFactory(short_name="AFP", name="Agence France-Presse"), SITE_ADMIN,
                   {"name": "Agence France-Presse (contract 2027)"}, {"short_name": "AFP."},
                   "full name: “Agence France-Presse (contract 2027)”"),
    "site settings": Case(site_settings, SITE_ADMIN, {"site_name": "The Newsroom Daily"},
                          {"platform_links-0-label": "Our TV app", "platform_links-0-url": "https://tv.example/",
                           "platform_links-0-position": "0"}, "site name: “The Newsroom Daily”"),
    "API key": Case(lambda: ApiKeyFactory(name="TV app"), SITE_ADMIN, {"name": "TV app (Samsung, Tizen)"},
                    {"rate_limit": "120"}, "name: “TV app (Samsung, Tizen)”"),
    "tag": Case(lambda: Tag.objects.create(name="Elections", slug="elections"), EDITOR, {"name": "Elections 2027"},
                {"slug": "elections-2027"}, "name: “Elections 2027”"),
    "person": Case(lambda: UserFactory(username="elif", first_name="Elif", last_name="Demir", role="Editor"), SITE_ADMIN,
                   {"last_name": "Demir-Kaya"}, {"email": "elif.demir@newsroom.example"}, "last name: “Demir-Kaya”"),
}


def change_url(row) -> str:
    return reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])


@pytest.mark.parametrize("case", STALE.values(), ids=STALE.keys())
def test_a_save_from_a_page_opened_before_a_colleagues_is_refused_with_the_text_kept(client, case):
    row = case.make()
    client.force_login(UserFactory(username="desk-one", **case.role))
    colleague = browser_of(UserFactory(username="desk-two", **case.role))
    page = opened_before_a_colleagues_save(client, change_url(row), colleague, **case.theirs)

    response = client.post(change_url(row), form_values(page, **case.yours))

    refused = response.content.decode()
    assert response.status_code == 200, "saved over the colleague's save"
    assert f"was changed while you were editing it: nothing was saved, so as not to undo that. It now says: {case.told}." in refused
    assert all(f'value="{value}"' in refused for value in case.yours.values())
    row.refresh_from_db()
    assert all(getattr(row, name) == value for name, value in case.theirs.items())

    assert client.post(change_url(row), form_values(refused, **case.theirs)).status_code == 302
    row.refresh_from_db()
    assert all(str(getattr(row, name)) == value for name, value in {**case.theirs, **case.yours}.items() if "-" not in name)


def a_mirror():
    DomainFactory(hostname="newsroom.example", is_primary=True, position=0)
    return DomainFactory(hostname="mirror.example", position=1)


GONE = {
    "agency": (lambda: AgencyFactory(short_name="AFP", name="Agence France-Presse"), {"name": "Agence France-Presse, Paris desk"}),
    "API key": (lambda: ApiKeyFactory(name="TV app"), {"name": "Partner: Example Radio, Vienna"}),
    "domain": (a_mirror, {"label": "The Balkans edition, from Sarajevo"}),
}


@pytest.mark.parametrize(("make", "typed"), GONE.values(), ids=GONE.keys())
def test_a_save_of_a_row_deleted_meanwhile_gives_the_text_typed_back(admin_client, make, typed):
    row = make()
    page = admin_client.get(change_url(row)).content.decode()
    type(row).objects.filter(pk=row.pk).delete()

    response = admin_client.post(change_url(row), form_values(page, **typed), follow=True)
    assert response.status_code == 404 and "Nothing was saved" in response.content.decode()
    assert all(text in response.content.decode() for text in typed.values())


def test_adding_a_person_is_as_before(admin_client):
    add = reverse("admin:auth_user_add")
    page = admin_client.get(add).content.decode()
    typed = form_values(page, username="new-reporter", password1="a long passphrase 4 the desk", password2="a long passphrase 4 the desk")
    assert admin_client.post(add, typed).status_code == 302
    assert get_user_model().objects.filter(username="new-reporter").exists()
