"""A person's page saved after a colleague deleted the account gives back what was typed there, as every desk form
deleted meanwhile does (security.stale_forms.SeenAdmin)."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def test_a_persons_page_saved_after_the_account_was_deleted_gives_the_names_typed_back(admin_client):
    """The site admin fixing a new colleague's name and address got the 404 page with her login name alone: the
    page listed the fields of the form for adding a person, not the person's page."""
    person = UserFactory(username="elif", first_name="Elif", last_name="Demir", email="elif@old.example")
    change = reverse("admin:auth_user_change", args=[person.pk])
    page = admin_client.get(change).content.decode()
    get_user_model().objects.filter(pk=person.pk).delete()  # a colleague removed the duplicate account meanwhile

    typed = {"first_name": "Elif Nur", "last_name": "Demir-Kaya", "email": "elif.demir@newsroom.example"}
    response = admin_client.post(change, form_values(page, **typed))

    body = response.content.decode()
    assert response.status_code == 404 and "Nothing was saved" in body
    assert all(text in body for text in typed.values()), body
