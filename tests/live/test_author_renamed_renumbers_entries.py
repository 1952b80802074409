"""A live entry's byline misspelt ("Ana Popsecu") is corrected by a site admin on the reporter's account. Readers who
had the live story open (a live story is kept open for hours) went on reading the wrong name: the open page polls
head.json and fetches only the entries whose revision moved, and the account's save moved none, as a credit fixed
in the photo library does."""
import pytest
from django.test import Client
from django.urls import reverse

from live import services
from tests.factories import LiveCoverageFactory, UserFactory
from tests.helpers import browser_of, form_values

pytestmark = pytest.mark.django_db


def url(coverage, name, query=""):
    return reverse(f"live:{name}", kwargs={"pk": coverage.article_id}) + query


def test_a_reporters_name_corrected_reaches_a_page_already_open_on_the_live_story(committed):
    reader = Client()
    ana = UserFactory(username="ana", first_name="Ana", last_name="Popsecu", role="Editor")
    coverage = LiveCoverageFactory()
    shown = services.entry_create(coverage=coverage, by=ana, body="Rescuers reach the school.")
    services.entry_create(coverage=coverage, by=UserFactory(username="ed2", role="Editor"), body="Later update")
    opened = reader.get(url(coverage, "head")).json()["rev"]  # the open page's change number, cached

    site_admin = browser_of(UserFactory(username="root", is_superuser=True))
    change = reverse("admin:auth_user_change", args=[ana.pk])
    with committed():
        response = site_admin.post(change, form_values(site_admin.get(change).content.decode(), last_name="Popescu"))
    assert response.status_code == 302

    polled = reader.get(url(coverage, "head")).json()["rev"]
    assert polled > opened, "the open page is told nothing changed"
    fetched = reader.get(url(coverage, "edits", f"?after={opened}&upto={polled}")).json()["entries"]
    assert [row["id"] for row in fetched] == [shown.pk]
    assert "Ana Popescu" in fetched[0]["html"]
