"""Notes are never public: search does not find a story by its notes, and its page and feeds never show them."""
import pytest
from django.urls import reverse

from notes.services import note_add
from tests.factories import ArticleFactory, UserFactory


@pytest.fixture
def noted_story(db):
    article = ArticleFactory(published=True, headline="Harbour reopens", body="<p>Ships are moving again.</p>")
    note_add(article=article, by=UserFactory(role="Editor"), text="Zugzwang remark about Ships", field="body", quote="Ships")
    return article


def test_search_does_not_find_a_story_by_its_notes(noted_story, client):
    response = client.get(reverse("articles:search"), {"q": "zugzwang"})
    assert list(response.context["articles"]) == []
    assert client.get(reverse("articles:search"), {"q": "harbour"}).context["articles"] == [noted_story]


@pytest.mark.parametrize("url", ["story", "articles:feed-rss", "articles:feed-atom", "articles:home"])
def test_pages_and_feeds_of_a_noted_story_do_not_show_its_notes(noted_story, client, url):
    path = noted_story.get_absolute_url() if url == "story" else reverse(url)
    response = client.get(path)
    assert response.status_code == 200
    assert "zugzwang" not in response.content.decode().lower()
