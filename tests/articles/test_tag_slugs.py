"""Tags as journalists type them: accented, non-Latin, or made of symbols alone. taggit slugs them in
Unicode (or not at all); every page, feed and API answer that links them still works."""
import pytest
from django.urls import reverse

from articles.models import Article
from tests.api.helpers import API
from tests.factories import ArticleFactory

NAMES = ["Café", "Zürich", "北京", "---", "🌊"]


@pytest.fixture
def story(db):
    article = ArticleFactory(status=Article.Status.PUBLISHED, headline="Harbour cafés reopen")
    article.tags.add(*NAMES)
    return article


@pytest.mark.django_db
def test_every_tag_has_a_slug_and_a_page_that_lists_the_story(client, story):
    tags = list(story.tags.all())
    assert len(tags) == len(NAMES) and all(tag.slug for tag in tags)
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    for tag in tags:
        url = reverse("articles:tag", kwargs={"slug": tag.slug})
        assert f'href="{url}"' in page.content.decode()
        assert story.headline in client.get(url).content.decode(), tag.name
        assert client.get(reverse("articles:tag-feed-rss", kwargs={"slug": tag.slug})).status_code == 200


@pytest.mark.django_db
def test_the_api_lists_and_links_them(client, story):
    for path in ["/stories", f"/stories/{story.pk}", "/tags"]:
        assert client.get(API + path).status_code == 200, path
    named = {tag["name"]: tag["url"] for tag in client.get(f"{API}/stories/{story.pk}").json()["tags"]}
    assert named["Café"].endswith("/tag/caf%C3%A9/")
    assert client.get(f"{API}/stories", {"tag": "café"}).json()["items"][0]["id"] == story.pk


@pytest.mark.django_db
def test_a_nul_in_a_tag_filter_finds_nothing_instead_of_failing(client, story):
    response = client.get(f"{API}/stories?tag=a%00b")
    assert response.status_code == 200 and response.json()["items"] == []
