"""An editor changes a section's slug ("politics" to "politics-and-power"). Every link to the section's old address
(other sites, bookmarks, search engines, a reader's feed subscription) was a 404 from then on, where a story's old
address answers with a 301: the section's old page and feeds now send readers to its new address, until another
section takes the old slug."""
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, SectionFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def rename_slug(client, section, slug):
    change = reverse("admin:articles_section_change", args=[section.pk])
    response = client.post(change, form_values(client.get(change).content.decode(), slug=slug))
    assert response.status_code == 302


def test_a_sections_old_address_and_feeds_redirect_to_its_new_slug(editor_client, committed):
    client = Client()  # a reader, served from the page cache (editor_client is the `client` fixture, logged in)
    news = SectionFactory(slug="news", name="News")
    politics = SectionFactory(slug="politics", name="Politics", parent=news)
    ArticleFactory(published=True, section=politics, headline="Budget passes")
    assert client.get("/section/politics/").status_code == 200
    assert client.get("/section/politics/")["X-Page-Cache"] == "hit"  # cached, as readers had it

    with committed():
        rename_slug(editor_client, politics, "politics-and-power")

    for old, new in [
        ("/section/politics/", "/section/politics-and-power/"),
        ("/section/politics/?page=2", "/section/politics-and-power/?page=2"),
        ("/section/politics/feed/rss/", "/section/politics-and-power/feed/rss/"),
        ("/section/politics/feed/atom/", "/section/politics-and-power/feed/atom/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response.get("Location")) == (301, new), old
    assert "Budget passes" in client.get("/section/politics-and-power/").content.decode()


def test_a_new_section_given_the_old_slug_gets_its_address(editor_client, committed):
    client = Client()  # a reader, served from the page cache
    politics = SectionFactory(slug="politics", name="Politics")
    with committed():
        rename_slug(editor_client, politics, "politics-and-power")
    assert client.get("/section/politics/").status_code == 301
    assert client.get("/section/politics/")["X-Page-Cache"] == "hit"  # cached as a redirect

    with committed():
        SectionFactory(slug="politics", name="Politics (new desk)")

    response = client.get("/section/politics/")
    assert response.status_code == 200 and "Politics (new desk)" in response.content.decode()
