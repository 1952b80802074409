"""Time is a change too: a warm page cache shows a scheduled story at its second and drops an expiring one."""
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from articles.caching import first
from articles.models import Article
from serving.pagecache import STATUS_HEADER
from serving.clock import next_change as next_scheduled_change
from tests.factories import ArticleFactory, SectionFactory
from tests.helpers import NOON

TWO_PM = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
PUBLISHED = Article.Status.PUBLISHED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]


@pytest.fixture
def politics(db):
    return SectionFactory(slug="politics", name="Politics")


def page_urls(article):
    return {
        "home": reverse("articles:home"),
        "section": reverse("articles:section", kwargs={"slug": "politics"}),
        "tag": reverse("articles:tag", kwargs={"slug": "budget"}),
        "article": article.get_absolute_url(),
        "feed": reverse("articles:feed-rss"),
        "tag feed": reverse("articles:tag-feed-atom", kwargs={"slug": "budget"}),
        "news sitemap": reverse("articles:sitemap-section", kwargs={"section": "news"}),
        "search": reverse("articles:search") + "?q=budget",
    }


@pytest.mark.parametrize("page", ["home", "section", "tag", "article", "feed", "tag feed", "news sitemap", "search"])
def test_scheduled_story_appears_on_a_warm_cache_at_its_second(client, clock, politics, page):
    """13:59:59 it is absent and the page comes from the cache; at 14:00:00 it is there."""
    ArticleFactory(published=True, section=politics, tags=["Budget"], headline="Already out")
    story = ArticleFactory(status=PUBLISHED, publish_at=TWO_PM, section=politics, tags=["Budget"],
                           headline="Budget figures released")
    url = page_urls(story)[page]
    clock(TWO_PM - timedelta(minutes=1))
    client.get(url)  # warm
    clock(TWO_PM - SECOND)
    before = client.get(url)
    assert before[STATUS_HEADER] == "hit"
    assert story.get_absolute_url() not in before.content.decode()
    clock(TWO_PM)
    after = client.get(url)
    assert after.status_code == 200
    assert story.get_absolute_url() in after.content.decode()  # search marks the words of its headline


@pytest.mark.parametrize("page", ["home", "section", "article"])
def test_expiring_story_is_gone_from_a_warm_cache_at_its_second(client, clock, politics, page):
    ArticleFactory(published=True, section=politics, headline="Stays up")
    story = ArticleFactory(status=PUBLISHED, publish_at=NOON - timedelta(days=1), unpublish_at=TWO_PM,
                           section=politics, headline="Offer ends at two")
    url = page_urls(story)[page]
    clock(TWO_PM - timedelta(minutes=1))
    client.get(url)
    clock(TWO_PM - SECOND)
    before = client.get(url)
    assert before[STATUS_HEADER] == "hit"
    assert "Offer ends at two" in before.content.decode()
    clock(TWO_PM)
    after = client.get(url)
    assert "Offer ends at two" not in after.content.decode() or after.status_code == 404
    if page == "article":
        assert after.status_code == 404


def test_a_story_leaves_the_news_sitemap_of_a_warm_cache_at_the_end_of_its_48_hours(client, clock, politics):
    """The window's end is a change no save marks: the sitemap says so, and no copy, here or in front, outlives it."""
    ArticleFactory(published=True, section=politics, headline="Stays in", publish_at=NOON - timedelta(hours=1))
    story = ArticleFactory(status=PUBLISHED, publish_at=NOON - timedelta(hours=47, minutes=59), section=politics)
    url = page_urls(story)["news sitemap"]
    clock(NOON)
    first = client.get(url)
    assert story.get_absolute_url() in first.content.decode()
    assert "s-maxage=60," in first["Cache-Control"]  # a minute to go, not PAGE_CACHE_S_MAXAGE
    clock(NOON + timedelta(seconds=59))
    before = client.get(url)
    assert before[STATUS_HEADER] == "hit" and story.get_absolute_url() in before.content.decode()
    clock(NOON + timedelta(seconds=60, microseconds=1))  # 48 hours and a microsecond old (48 hours is in)
    assert story.get_absolute_url() not in client.get(url).content.decode()


def cdn_lifetimes(response) -> str:
    return response["Cache-Control"].removeprefix("public, max-age=0, must-revalidate, ")


def test_front_cache_lifetimes_stale_ones_included_are_capped_by_the_next_scheduled_change(client, clock, politics):
    ArticleFactory(status=PUBLISHED, publish_at=NOON + timedelta(seconds=320), section=politics)
    assert cdn_lifetimes(client.get("/")) == "s-maxage=300, stale-while-revalidate=20, stale-if-error=20"
    clock(NOON + timedelta(seconds=290))
    hit = client.get("/")
    assert hit[STATUS_HEADER] == "hit"
    assert cdn_lifetimes(hit) == "s-maxage=30, stale-while-revalidate=0, stale-if-error=0"
    clock(NOON + timedelta(seconds=319, milliseconds=500))
    assert cdn_lifetimes(client.get("/")) == "s-maxage=0, stale-while-revalidate=0, stale-if-error=0"


def test_a_cached_404_for_a_scheduled_story_ends_at_its_publication(client, clock, politics):
    story = ArticleFactory(status=PUBLISHED, publish_at=TWO_PM, section=politics)
    clock(TWO_PM - timedelta(minutes=1))
    assert client.get(story.get_absolute_url()).status_code == 404
    missing = client.get(story.get_absolute_url())
    assert missing[STATUS_HEADER] == "hit"
    assert "max-age=0, must-revalidate" in missing["Cache-Control"]  # no browser keeps it past the publication
    assert f"story-{story.pk}" in missing["xkey"].split()
    clock(TWO_PM)
    assert client.get(story.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("page", ["home", "section", "tag", "article", "feed"])
def test_a_story_scheduled_nearer_than_a_cached_page_lives_appears_at_its_second(client, clock, politics, page, committed):
    """The home page was cached with nothing scheduled; a story scheduled a minute ahead must not wait for
    the cached copy to expire: the pages it will join are purged when it is scheduled."""
    ArticleFactory(published=True, section=politics, tags=["Budget"], headline="Already out")
    story = ArticleFactory(status=Article.Status.DRAFT, section=politics, tags=["Budget"], headline="Budget figures released")
    url = page_urls(story)[page]
    client.get(url)
    with committed():
        story.status, story.publish_at = PUBLISHED, NOON + timedelta(minutes=1)
        story.save()
    clock(NOON + timedelta(seconds=59))
    assert "Budget figures released" not in client.get(url).content.decode()
    clock(NOON + timedelta(minutes=1))
    assert "Budget figures released" in client.get(url).content.decode()


def test_a_scheduled_story_edited_without_moving_its_time_purges_nothing(client, clock, politics, committed):
    ArticleFactory(published=True, section=politics, headline="Already out")
    story = ArticleFactory(status=PUBLISHED, publish_at=TWO_PM, section=politics, headline="Budget figures")
    cached = client.get("/")
    with committed():
        story.body = "<p>Corrected figures.</p>"
        story.save()
    again = client.get("/")
    assert again[STATUS_HEADER] == "hit" and again.content == cached.content


def test_next_change_is_the_earliest_publication_or_expiry_still_to_come(clock, politics):
    assert next_scheduled_change() is None
    ArticleFactory(status=PUBLISHED, publish_at=NOON + timedelta(hours=3), section=politics)
    assert next_scheduled_change() == NOON + timedelta(hours=3)
    ArticleFactory(status=PUBLISHED, publish_at=NOON - timedelta(hours=1), unpublish_at=NOON + timedelta(hours=2), section=politics)
    assert next_scheduled_change() == NOON + timedelta(hours=2)
    # Neither drafts nor withdrawn stories change any page by themselves.
    ArticleFactory(status=Article.Status.DRAFT, publish_at=NOON + timedelta(minutes=1), section=politics)
    ArticleFactory(status=Article.Status.WITHDRAWN, publish_at=NOON - timedelta(hours=1),
                   unpublish_at=NOON + timedelta(minutes=1), section=politics)
    assert next_scheduled_change() == NOON + timedelta(hours=2)
    clock(NOON + timedelta(hours=2))
    assert next_scheduled_change() == NOON + timedelta(hours=3)


def in_a_day(now):
    return [first(Article.objects.scheduled(now + timedelta(days=1)), "publish_at")]


def reads_the_clock(now):
    return [first(Article.objects.scheduled(), "publish_at")]  # its own timezone.now(), not `now`


def todays_edition(now):
    return [first(Article.objects.scheduled(now).filter(publish_at__date=timezone.localdate()), "publish_at")]


@pytest.mark.parametrize("source", [in_a_day, reads_the_clock, todays_edition])
def test_a_clock_source_that_does_not_use_now_as_given_is_refused(monkeypatch, clock, politics, source):
    """The union is built once and run with each request's `now`: a source that shifted `now`, or read a
    clock of its own (stopped here, as in a test, so it reads the same at both builds), would keep the first
    request's moment for ever, so it is refused when the union is built, not run wrong."""
    from serving import clock as schedule_clock

    monkeypatch.setattr(schedule_clock, "sources", [*schedule_clock.sources, schedule_clock.Source(source)])
    monkeypatch.setattr(schedule_clock, "compiled", [])
    with pytest.raises(ImproperlyConfigured, match="use `now` as given and read no clock"):
        next_scheduled_change()


def test_next_change_is_computed_once_until_a_schedule_moves(client, clock, politics, django_assert_num_queries):
    """The schedule query runs on the first miss, not on every miss after it."""
    story = ArticleFactory(status=PUBLISHED, publish_at=TWO_PM, section=politics)
    client.get("/")
    # Another page, same generation and moment: only its own queries, no schedule query.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(story.get_absolute_url())
    assert not any("MIN(" in query["sql"].upper() for query in queries)
