"""The breaking-news banner: on every reader page, cached or not, as soon as the alert is made, and gone at its
expiry, when it is ended or when its story leaves the site."""
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from articles.models import Section
from domains.models import Domain
from serving.pagecache import STATUS_HEADER
from tests.factories import (
    AlertFactory, ArticleFactory, DomainFactory, LiveCoverageFactory, LiveEntryFactory, SectionFactory,
)
from tests.helpers import NOON

SECOND = timedelta(seconds=1)
BANNER = '<section class="alerts" aria-label="Breaking news">'

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]


@pytest.fixture
def story(clock):
    return ArticleFactory(published=True, headline="Earthquake")


def cached(client, url="/"):
    """The page as readers get it, after making sure the cache holds it."""
    client.get(url)
    response = client.get(url)
    assert response[STATUS_HEADER] == "hit"
    return response


@pytest.mark.parametrize("page", ["home", "story", "section", "search"])
def test_a_new_alert_shows_at_once_on_a_cached_page(client, clock, committed, story, page):
    url = {"home": "/", "story": story.get_absolute_url(), "section": story.section.get_absolute_url(),
           "search": "/search/?q=earthquake"}[page]
    assert BANNER not in cached(client, url).content.decode()
    with committed():
        AlertFactory(article=story, headline="Strong earthquake hits the coast")
    response = client.get(url)
    content = response.content.decode()
    assert BANNER in content and "Strong earthquake hits the coast" in content
    assert f'href="{story.get_absolute_url()}"' in content
    assert 'role="alert"' not in content
    assert client.get(url)[STATUS_HEADER] == "hit"  # kept again, banner and all


def test_an_alert_leaves_every_cached_page_at_its_expiry(client, clock, story):
    AlertFactory(article=story, expires_at=NOON + timedelta(hours=2))
    clock(NOON + timedelta(hours=2) - SECOND)
    assert BANNER in cached(client).content.decode()
    clock(NOON + timedelta(hours=2))
    assert BANNER not in client.get("/").content.decode()


def test_an_alert_ended_by_an_editor_leaves_cached_pages_at_once(client, clock, committed, story, editor):
    alert = AlertFactory(article=story)
    assert BANNER in cached(client).content.decode()
    desk = Client()
    desk.force_login(editor)
    with committed():
        response = desk.post(reverse("admin:live_alert_changelist"),
                             {"action": "end_now", "_selected_action": [alert.pk]})
    assert response.status_code == 302
    assert BANNER not in client.get("/").content.decode()
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert told == ["1 alert ended: readers no longer see it."], "the action said nothing of what it did"


def test_an_alert_edited_shows_its_new_headline_at_once(client, clock, committed, story):
    alert = AlertFactory(article=story, headline="Earthquake felt in the capital")
    assert "Earthquake felt in the capital" in cached(client).content.decode()
    with committed():
        alert.headline = "Earthquake of magnitude 6 felt in the capital"
        alert.save()
    assert "Earthquake of magnitude 6 felt in the capital" in client.get("/").content.decode()


def test_an_alert_expires_two_hours_after_it_is_made_by_default(clock, story):
    assert AlertFactory(article=story).expires_at == NOON + timedelta(hours=2)


def test_an_alert_leaves_cached_pages_when_its_story_is_withdrawn(client, clock, committed, story):
    AlertFactory(article=story)
    assert BANNER in cached(client, "/search/?q=quake").content.decode()
    with committed():
        story.status = "withdrawn"
        story.save()
    assert BANNER not in client.get("/search/?q=quake").content.decode()


def test_an_alert_on_a_scheduled_story_shows_on_cached_pages_at_the_stories_second(client, clock, story):
    scheduled = ArticleFactory(status="published", publish_at=NOON + timedelta(minutes=10), headline="Aftershock")
    AlertFactory(article=scheduled, headline="Aftershock expected")
    clock(NOON + timedelta(minutes=10) - SECOND)
    assert "Aftershock expected" not in cached(client).content.decode()
    clock(NOON + timedelta(minutes=10))
    assert "Aftershock expected" in client.get("/").content.decode()


def test_an_alert_leaves_cached_pages_at_its_storys_expiry(client, clock):
    """The banner never links to a story readers no longer may see."""
    story = ArticleFactory(published=True, unpublish_at=NOON + timedelta(minutes=10))
    AlertFactory(article=story)
    clock(NOON + timedelta(minutes=10) - SECOND)
    assert BANNER in cached(client).content.decode()
    clock(NOON + timedelta(minutes=10))
    assert BANNER not in client.get("/").content.decode()


@pytest.mark.parametrize("moved", ["expiry", "publication"])
def test_an_alert_follows_its_storys_time_moved_nearer_on_every_cached_page(client, clock, committed, moved):
    """A page cached under the old time is capped by it, not by the new one: the move purges the banner."""
    far, near = NOON + timedelta(hours=3), NOON + timedelta(minutes=1)
    story = ArticleFactory(**({"published": True, "unpublish_at": far} if moved == "expiry" else
                              {"status": "published", "publish_at": far}))
    AlertFactory(article=story, expires_at=NOON + timedelta(hours=4))
    elsewhere = SectionFactory(slug="sport", name="Sport").get_absolute_url()
    assert (BANNER in cached(client, elsewhere).content.decode()) is (moved == "expiry")
    with committed():
        setattr(story, "unpublish_at" if moved == "expiry" else "publish_at", near)
        story.save()
    clock(near)
    assert (BANNER in client.get(elsewhere).content.decode()) is (moved == "publication")


def test_a_new_alert_purges_softly_and_one_taken_off_a_site_hard(clock, committed, story, mirror_domain, sent):
    """Soft: a copy served while one request fetches the new page lacks the banner a moment. Hard: no copy may
    keep a banner that left."""
    with committed():
        alert = AlertFactory(article=story)
    with committed():
        alert.domains.add(mirror_domain)  # shown on one site now: it left the others
    with committed():
        alert.delete()
    assert [(tags, hard) for tags, hard in sent] == [({"alerts"}, False), ({"alerts"}, True), ({"alerts"}, True)]


def test_an_alert_shows_only_on_its_sites(client, clock, committed, story, mirror_domain):
    assert BANNER not in cached(client, "/").content.decode()
    with committed():
        AlertFactory(article=story).domains.add(mirror_domain)
    assert BANNER in client.get("/", headers={"host": "mirror.example"}).content.decode()
    assert BANNER not in client.get("/", headers={"host": "newsroom.example"}).content.decode()


def test_an_alert_whose_only_sites_are_deleted_ends_instead_of_showing_on_every_site(
        client, clock, committed, story, mirror_domain):
    """No site left would read as "every site", the form's empty choice: the alert ends instead."""
    other = DomainFactory(hostname="mirror2.example", position=2)
    alert = AlertFactory(article=story)
    alert.domains.add(mirror_domain, other)
    assert BANNER not in cached(client, "/").content.decode()
    with committed():
        Domain.objects.filter(pk__in=[mirror_domain.pk, other.pk]).delete()
    assert BANNER not in client.get("/", headers={"host": "newsroom.example"}).content.decode()
    alert.refresh_from_db()
    assert alert.expires_at == NOON


def test_an_alert_whose_only_section_is_deleted_ends_instead_of_showing_on_every_page(client, clock, story):
    alert = AlertFactory(article=story)
    alert.sections.add(SectionFactory(slug="elections", name="Elections"))
    Section.objects.get(slug="elections").delete()
    assert BANNER not in client.get("/").content.decode()
    alert.refresh_from_db()
    assert alert.expires_at == NOON


def test_an_alert_keeps_showing_on_its_sites_left_when_one_is_deleted(client, clock, story, mirror_domain):
    other = DomainFactory(hostname="mirror2.example", position=2)
    AlertFactory(article=story).domains.add(mirror_domain, other)
    other.delete()
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
    coverage = LiveCoverageFactory(article=in_world)
    LiveEntryFactory.create_batch(3, coverage=coverage)
    older = reverse("live:older", kwargs={"pk": in_world.pk}) + "?before=3"
    assert BANNER in client.get(older).content.decode()  # a live story's older entries: its section's too


def test_a_browser_holding_the_page_without_the_banner_gets_the_page_again(client, clock, committed, story):
    etag = cached(client)["ETag"]
    with committed():
        AlertFactory(article=story)
    response = client.get("/", headers={"if-none-match": etag})
    assert response.status_code == 200 and BANNER in response.content.decode()


def test_head_sends_the_length_and_etag_of_the_page_with_its_banner(client, clock, story):
    AlertFactory(article=story)
    get = client.get("/")
    head = client.head("/")
    assert head[STATUS_HEADER] == "hit" and head.content == b""
    assert (head["ETag"], head["Content-Length"]) == (get["ETag"], get["Content-Length"])


def test_no_alert_no_banner(client, clock, story):
    assert BANNER not in client.get("/").content.decode()
