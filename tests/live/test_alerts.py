"""The breaking-news banner: on every reader page within FRAGMENT_SECONDS, purging nothing, gone at its expiry."""
from datetime import timedelta

import pytest
from django.urls import reverse

from serving.pagecache import STATUS_HEADER
from tests.factories import AlertFactory, ArticleFactory, SectionFactory
from tests.helpers import NOON

SECOND = timedelta(seconds=1)
BANNER = '<section class="alerts" aria-label="Breaking news">'

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]


@pytest.fixture
def story(clock):
    return ArticleFactory(published=True, headline="Earthquake")


@pytest.mark.parametrize("page", ["home", "story", "section", "search"])
def test_a_new_alert_shows_on_a_cached_page_within_five_seconds_without_a_purge(client, clock, story, page):
    url = {"home": "/", "story": story.get_absolute_url(), "section": story.section.get_absolute_url(),
           "search": "/search/?q=earthquake"}[page]
    client.get(url)
    AlertFactory(article=story, headline="Strong earthquake hits the coast")
    clock(NOON + 5 * SECOND)
    response = client.get(url)
    assert response[STATUS_HEADER] == "hit"  # the page was not purged
    content = response.content.decode()
    assert BANNER in content and "Strong earthquake hits the coast" in content
    assert f'href="{story.get_absolute_url()}"' in content
    assert 'role="alert"' not in content


def test_an_alert_leaves_every_page_at_its_expiry(client, clock, story):
    AlertFactory(article=story, expires_at=NOON + timedelta(hours=2))
    clock(NOON + timedelta(hours=2) - SECOND)
    assert BANNER in client.get("/").content.decode()
    clock(NOON + timedelta(hours=2))
    assert BANNER not in client.get("/").content.decode()


def test_an_alert_expires_two_hours_after_it_is_made_by_default(clock, story):
    assert AlertFactory(article=story).expires_at == NOON + timedelta(hours=2)


def test_an_alert_on_a_withdrawn_story_is_not_shown(client, clock, story):
    AlertFactory(article=story)
    story.status = "withdrawn"
    story.save()
    assert BANNER not in client.get("/").content.decode()


def test_an_alert_shows_only_on_its_sites(client, clock, story, mirror_domain):
    AlertFactory(article=story).domains.add(mirror_domain)
    assert BANNER in client.get("/", headers={"host": "mirror.example"}).content.decode()
    assert BANNER not in client.get("/", headers={"host": "newsroom.example"}).content.decode()


def test_an_alert_for_a_section_shows_on_its_pages_and_its_subsections_only(client, clock, story):
    news = SectionFactory(slug="news", name="News")
    world = SectionFactory(slug="world", name="World", parent=news)
    sport = SectionFactory(slug="sport", name="Sport")
    AlertFactory(article=story).sections.add(news)
    in_world, in_sport = ArticleFactory(published=True, section=world), ArticleFactory(published=True, section=sport)
    assert BANNER in client.get(in_world.get_absolute_url()).content.decode()
    assert BANNER in client.get(reverse("articles:section", kwargs={"slug": "news"})).content.decode()
    assert BANNER not in client.get(in_sport.get_absolute_url()).content.decode()
    assert BANNER not in client.get("/").content.decode()


def test_a_browser_holding_the_page_without_the_banner_gets_the_page_again(client, clock, story):
    etag = client.get("/")["ETag"]
    AlertFactory(article=story)
    clock(NOON + 5 * SECOND)
    response = client.get("/", headers={"if-none-match": etag})
    assert response.status_code == 200 and BANNER in response.content.decode()


def test_a_front_cache_that_includes_fragments_gets_an_esi_include(client, clock, story):
    AlertFactory(article=story)
    page = client.get("/", headers={"surrogate-capability": 'varnish="ESI/1.0"'})
    assert '<esi:include src="/fragment/alerts/?arg="/>' in page.content.decode()
    assert page["Surrogate-Control"] == 'content="ESI/1.0"'
    fragment = client.get("/fragment/alerts/?arg=")
    assert BANNER in fragment.content.decode()
    assert fragment["Cache-Control"] == "public, max-age=0, s-maxage=5"


def test_no_alert_no_banner_and_no_marker(client, clock, story):
    content = client.get("/").content.decode()
    assert BANNER not in content and "<!--fragment" not in content
