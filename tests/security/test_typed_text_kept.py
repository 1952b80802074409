"""People on the desk (Django's user admin): a save from a page opened before a colleague's is refused with what was
typed kept (`seen`, security.stale_forms.SeenAdmin); adding a person is as before."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin_client(client):
    client.force_login(UserFactory(username="site-admin", is_superuser=True))
    return client


def test_a_person_saved_from_an_older_page_does_not_undo_a_colleagues_change(site_admin_client):
    person = UserFactory(username="elif", first_name="Elif", last_name="Demir", role="Editor")
    change = reverse("admin:auth_user_change", args=[person.pk])
    colleague = browser_of(UserFactory(username="co-admin", is_superuser=True))
    page = opened_before_a_colleagues_save(site_admin_client, change, colleague, last_name="Demir-Kaya")

    response = site_admin_client.post(change, form_values(page, email="elif.demir@newsroom.example"))
    person.refresh_from_db()
    assert person.last_name == "Demir-Kaya", "the colleague's change was put back silently"
    refused = response.content.decode()
    assert response.status_code == 200 and 'value="elif.demir@newsroom.example"' in refused
    assert "It now says: last name: “Demir-Kaya”." in refused

    assert site_admin_client.post(change, form_values(refused, last_name="Demir-Kaya")).status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.email) == ("Demir-Kaya", "elif.demir@newsroom.example")


def test_adding_a_person_is_as_before(site_admin_client):
    add = reverse("admin:auth_user_add")
    page = site_admin_client.get(add).content.decode()
    typed = form_values(page, username="new-reporter", password1="a long passphrase 4 the desk", password2="a long passphrase 4 the desk")
    assert site_admin_client.post(add, typed).status_code == 302
    assert get_user_model().objects.filter(username="new-reporter").exists()


def test_the_text_given_back_on_a_refusal_is_what_was_typed_never_a_password_or_the_forms_workings():
    from django.http import QueryDict

    from security.refusals import typed_in

    post = QueryDict(mutable=True)
    for name, value in [
        ("csrfmiddlewaretoken", "abc token"), ("password1", "a secret phrase"), ("old_password", "another secret"),
        ("photo_uses-TOTAL_FORMS", "1"), ("photo_uses-0-id", "12"), ("photo_uses-0-DELETE", "on"), ("seen", "a1.b2"),
        ("version", "4"), ("initial-tags", "Syria, Turkey"), ("_save", "Save"), ("section", "3"), ("is_active", "on"),
        ("headline", "Ports reopen"), ("photo_uses-0-caption", "Cranes at dawn"), ("body", "  "),
    ]:
        post.appendlist(name, value)
    assert typed_in(post) == [("headline", "Ports reopen"), ("photo_uses-0-caption", "Cranes at dawn")]
