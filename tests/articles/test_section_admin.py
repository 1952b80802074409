"""A section's form on the desk opened before a colleague's save is refused with its text kept, not saved over
that save; saved again once told, it goes through. Deleted meanwhile, its text comes back to copy."""
import pytest
from django.urls import reverse

from articles.models import Section
from tests.factories import SectionFactory, UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


def test_a_section_saved_from_an_older_page_does_not_drop_a_colleagues_description(editor_client):
    """One editor rewrites the description; another, from the page opened before, renames the section: that save
    is told of the new description and keeps the name typed, and saved again it goes through with both."""
    section = SectionFactory(slug="politics", name="Politics", description="Parliament and government.")
    change = reverse("admin:articles_section_change", args=[section.pk])
    page = opened_before_a_colleagues_save(editor_client, change, browser_of(UserFactory(username="co-editor", role="Editor")),
                                           description="Parliament, government and the courts.")

    response = editor_client.post(change, form_values(page, name="Politics and power"))
    section.refresh_from_db()
    assert response.status_code == 200
    assert (section.name, section.description) == ("Politics", "Parliament, government and the courts.")
    refused = response.content.decode()
    assert "This section was changed while you were editing it" in refused
    assert "description: “Parliament, government and the courts.”" in refused  # the colleague's change, named
    assert 'value="Politics and power"' in refused  # what was typed, kept

    again = editor_client.post(change, form_values(refused, description="Parliament, government and the courts."))
    section.refresh_from_db()
    assert again.status_code == 302
    assert (section.name, section.description) == ("Politics and power", "Parliament, government and the courts.")


def test_an_unchanged_section_saves_as_before(editor_client):
    section = SectionFactory(slug="politics", name="Politics")
    change = reverse("admin:articles_section_change", args=[section.pk])
    response = editor_client.post(change, form_values(editor_client.get(change).content.decode(), description="Who governs."))
    section.refresh_from_db()
    assert response.status_code == 302 and section.description == "Who governs."


def test_saving_a_section_deleted_meanwhile_gives_back_the_name_and_description_typed(editor_client):
    """A site admin deleted it while an editor rewrote it: Django's redirect to the desk's home dropped the text."""
    section = SectionFactory(slug="politics", name="Politics")
    change = reverse("admin:articles_section_change", args=[section.pk])
    page = editor_client.get(change).content.decode()
    site_admin = browser_of(UserFactory(username="site-admin", is_superuser=True))
    assert site_admin.post(reverse("admin:articles_section_delete", args=[section.pk]), {"post": "yes"}).status_code == 302

    typed = form_values(page, name="Politics and power", description="Parliament, government and the courts.")
    response = editor_client.post(change, typed)
    assert response.status_code == 404  # the shared "nothing was saved" page (security/refusals.py), not a redirect
    content = response.content.decode()
    assert "Nothing was saved" in content
    assert ">Politics and power</textarea>" in content and ">Parliament, government and the courts.</textarea>" in content
    assert not Section.objects.exists()


def test_a_journalists_post_for_a_missing_section_is_still_refused(journalist_client):
    response = journalist_client.post(reverse("admin:articles_section_change", args=[987654]), {"name": "Typed"})
    assert response.status_code == 403
