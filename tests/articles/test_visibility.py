"""The one gate: which stories readers see, at the second, on every public page."""
import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.helpers import CASES, NOW, PUBLISHED, SECOND, make_story
from tests.factories import ArticleFactory, SectionFactory


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_published_queryset_and_instance_agree(frozen, status, publish_at, unpublish_at, visible):
    """`published()` and `is_published` give the same verdict on every case of the grid."""
    article = make_story(status, publish_at, unpublish_at)
    assert (article in Article.objects.published()) is visible
    assert article.is_published is visible


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_article_page_follows_the_gate(client, frozen, status, publish_at, unpublish_at, visible):
    """The story's page is readable exactly when the gate says so, and 404 otherwise."""
    article = make_story(status, publish_at, unpublish_at)
    response = client.get(article.get_absolute_url())
    assert response.status_code == (200 if visible else 404)
    short = client.get(reverse("articles:detail-short", kwargs={"pk": article.pk}))
    assert short.status_code == (301 if visible else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("surface", ["home", "section", "tag"])
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_listings_follow_the_gate(client, frozen, surface, status, publish_at, unpublish_at, visible):
    """Home, section and tag listings name the story exactly when the gate says so."""
    article = make_story(status, publish_at, unpublish_at)
    url = {
        "home": reverse("articles:home"),
        "section": reverse("articles:section", kwargs={"slug": "politics"}),
        "tag": reverse("articles:tag", kwargs={"slug": "budget"}),
    }[surface]
    response = client.get(url)
    if surface == "tag" and not visible:
        # A tag that only unpublished stories carry is itself unpublished news.
        assert response.status_code == 404
    else:
        assert response.status_code == 200
    assert (article.headline in response.content.decode()) is visible
    assert (article.get_absolute_url() in response.content.decode()) is visible


@pytest.mark.django_db
def test_story_scheduled_for_two_pm_appears_at_two_pm_without_any_process(client, time_machine):
    """At 13:59:59 the story is 404; at 14:00:00 it is on its page and the front page."""
    article = ArticleFactory(status=PUBLISHED, publish_at=NOW)
    time_machine.move_to(NOW - SECOND, tick=False)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.headline not in client.get("/").content.decode()
    time_machine.move_to(NOW, tick=False)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.headline in client.get("/").content.decode()


@pytest.mark.django_db
def test_edited_slug_redirects_old_links_permanently(client):
    """A link shared before the slug was edited still reaches the story, by a 301."""
    article = ArticleFactory(published=True, slug="first-slug")
    old_url = article.get_absolute_url()
    article.slug = "second-slug"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.django_db
def test_unknown_story_and_section_get_the_sites_404_page(client):
    """A dead link gets a 404 in the site's own style, with its navigation."""
    SectionFactory(slug="news", name="News")
    for url in ["/story/99999/nothing/", "/section/nowhere/", "/tag/nothing/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
        assert 'href="/section/news/"' in response.content.decode()
