"""A tag deleted on the desk, or a byline's account deleted, takes that fact off live stories: apps syncing through
the changes feed are told, as they are of a rename or a merge."""
from datetime import timedelta

import pytest
from django.test import Client
from taggit.models import Tag

from articles.models import Article
from tests.api.helpers import API, path_of
from tests.articles.helpers import NOW
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.API_CHANGES_SETTLE_SECONDS = 5


def later(time_machine, seconds):
    time_machine.move_to(NOW + timedelta(seconds=seconds), tick=False)


@pytest.fixture
def author(db):
    return UserFactory(username="ada-stringer", first_name="Ada", last_name="Ekwueme", role="Journalist")


@pytest.fixture
def story(author):
    return ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=1),
                          tags=["Ports", "Sealed court case"], authors=[author])


@pytest.fixture
def app(story, time_machine):
    """An app that synced everything 30 s after NOW and kept the feed's `next` link to poll later."""
    client = Client()
    later(time_machine, 30)
    first = client.get(f"{API}/changes").json()
    assert [item["id"] for item in first["items"]] == [story.pk]
    return client, path_of(first["next"])


def polled_after(app, time_machine):
    client, kept = app
    later(time_machine, 120)
    items = [(item["id"], item["change"]) for item in client.get(kept).json()["items"]]
    since = [item["id"] for item in client.get(f"{API}/stories?updated_since=2026-11-24T14:00:50Z").json()["items"]]
    return client, items, since


@pytest.fixture
def site_admin_client(db):
    client = Client()
    client.force_login(UserFactory(username="root-admin", is_staff=True, is_superuser=True))
    return client


def test_a_tag_deleted_on_the_desk_is_announced_to_apps(story, app, site_admin_client, committed, time_machine):
    """The desk deletes the tag "Sealed court case" (taggit's delete page) carried by a live story: the story's
    page and its API item lose it. The changes feed did not list the story as updated, nor did ?updated_since=,
    so every app that synced it kept showing the tag (and its dead link) on the story for good, where a rename of
    the same tag was announced."""
    tag = Tag.objects.get(name="Sealed court case")
    later(time_machine, 60)
    with committed():
        response = site_admin_client.post(f"/admin/taggit/tag/{tag.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client, items, since = polled_after(app, time_machine)
    assert [t["name"] for t in client.get(f"{API}/stories/{story.pk}").json()["tags"]] == ["Ports"]
    assert (items, since) == ([(story.pk, "updated")], [story.pk])


def test_a_bylined_account_deleted_is_announced_to_apps(story, app, author, site_admin_client, committed, time_machine):
    """A site admin deletes the account of a stringer bylined on a live story (the user admin's delete page): the
    byline leaves the story's page and API item, and apps following the changes feed are told, as of a correction
    of that same name; they kept the name on the story before."""
    later(time_machine, 60)
    with committed():
        response = site_admin_client.post(f"/admin/auth/user/{author.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.status_code
    client, items, since = polled_after(app, time_machine)
    assert client.get(f"{API}/stories/{story.pk}").json()["bylines"] == []
    assert (items, since) == ([(story.pk, "updated")], [story.pk])
