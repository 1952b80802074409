"""The one gate on the reader surfaces: feeds, sitemaps, search and related stories show a story exactly
when `Article.objects.published()` returns it (drafts, scheduled, withdrawn and expired stories never)."""
from datetime import timedelta

import pytest

from articles.models import Article
from tests.articles.reader import all_sitemap_locations, feed_links, sitemap_index, sitemap_urls
from tests.articles.helpers import CASES, NOW, SECOND, make_story
from tests.factories import ArticleFactory, SectionFactory

FEEDS = [
    "/feed/rss/", "/feed/atom/",
    "/section/politics/feed/rss/", "/section/politics/feed/atom/",
    "/tag/budget/feed/rss/", "/tag/budget/feed/atom/",
]


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def neighbour(db, frozen):
    """A live story in the same section and tag, so every listing exists whatever the story under test is."""
    return ArticleFactory(
        headline="Neighbouring live story", status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=2),
        section=SectionFactory(slug="politics", name="Politics"), tags=["Budget"],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_feeds_follow_the_gate(client, neighbour, feed, status, publish_at, unpublish_at, visible):
    """Site, section and tag feeds, RSS and Atom, list the story exactly when the gate says so."""
    article = make_story(status, publish_at, unpublish_at)
    links = feed_links(client, feed)
    assert any(link.endswith(neighbour.get_absolute_url()) for link in links)
    assert any(link.endswith(article.get_absolute_url()) for link in links) is visible


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["/tag/budget/feed/rss/", "/tag/budget/feed/atom/"])
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_tag_feed_of_a_tag_only_unpublished_stories_carry_is_404(client, frozen, feed, status, publish_at, unpublish_at, visible):
    """A tag feed does not name a scoop before its time: without a live story it does not exist."""
    make_story(status, publish_at, unpublish_at)
    assert client.get(feed).status_code == (200 if visible else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tag/budget/", "/tag/budget/feed/rss/", "/tag/budget/feed/atom/", "/api/v1/stories?tag=budget"])
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), [case for case in CASES if not case.values[-1]])
def test_a_tag_only_unseen_stories_carry_answers_exactly_as_one_that_does_not_exist(client, frozen, settings, url, status, publish_at, unpublish_at, visible):
    """Status, body and headers alike, cache tags included: `tag-<pk>` would say that a tag by that name exists."""
    settings.API_ANONYMOUS = True
    make_story(status, publish_at, unpublish_at)
    scoop, unknown = client.get(url), client.get(url.replace("budget", "no-such-tag"))
    assert (scoop.status_code, scoop.content) == (unknown.status_code, unknown.content)
    for name in ("xkey", "Surrogate-Key", "Cache-Tag", "ETag"):
        assert scoop.get(name) == unknown.get(name), name


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_sitemaps_follow_the_gate(client, neighbour, status, publish_at, unpublish_at, visible):
    """The section sitemaps and the news sitemap, reached from the index, list the story exactly when it is live."""
    article = make_story(status, publish_at, unpublish_at)
    locations = all_sitemap_locations(client)
    assert any(loc.endswith(article.get_absolute_url()) for loc in locations) is visible
    news = [url["loc"] for url in sitemap_urls(client, "/sitemap-news.xml")]
    assert any(loc.endswith(article.get_absolute_url()) for loc in news) is visible


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_section_sitemap_of_a_section_without_live_stories_is_not_listed(client, frozen, status, publish_at, unpublish_at, visible):
    """A section whose only story is not live has no sitemap: the index does not list it and its URL is 404."""
    make_story(status, publish_at, unpublish_at)
    assert any(loc.endswith("/sitemap-section-politics.xml") for loc in sitemap_index(client)) is visible
    assert client.get("/sitemap-section-politics.xml").status_code == (200 if visible else 404)


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_search_follows_the_gate(client, neighbour, status, publish_at, unpublish_at, visible):
    """Search finds the story by its headline exactly when it is live."""
    article = make_story(status, publish_at, unpublish_at)
    content = client.get("/search/", {"q": "embargoed budget"}).content.decode()
    assert (article.get_absolute_url() in content) is visible


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_related_stories_follow_the_gate(client, neighbour, status, publish_at, unpublish_at, visible):
    """A live story sharing the tag lists the story among its related stories exactly when it is live."""
    article = make_story(status, publish_at, unpublish_at)
    page = client.get(neighbour.get_absolute_url()).content.decode()
    related = page.split('id="related-heading"', 1)[1] if 'id="related-heading"' in page else ""
    assert (article.get_absolute_url() in related) is visible


@pytest.mark.django_db
@pytest.mark.parametrize("surface", ["/feed/rss/", "/feed/atom/", "/sitemap-news.xml", "sitemaps"])
def test_scheduled_story_enters_feeds_and_sitemaps_at_its_second(client, time_machine, surface):
    """At 13:59:59 a story scheduled for 14:00:00 is in no feed or sitemap; at 14:00:00 it is."""
    article = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW, section=SectionFactory(slug="politics"))

    def listed():
        if surface == "sitemaps":
            locations = all_sitemap_locations(client)
        elif surface.startswith("/sitemap"):
            locations = [url["loc"] for url in sitemap_urls(client, surface)]
        else:
            locations = feed_links(client, surface)
        return any(location.endswith(article.get_absolute_url()) for location in locations)

    time_machine.move_to(NOW - SECOND, tick=False)
    assert not listed()
    time_machine.move_to(NOW, tick=False)
    assert listed()
