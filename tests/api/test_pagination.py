"""Keyset pagination: a walk through a list gives every story once, in order, while stories are published
during it; `Link: rel=next` and the body's `next` agree; `fields=` picks fields."""
import base64
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.api.helpers import API, next_link, path_of
from tests.articles.helpers import NOW
from tests.factories import ArticleFactory


def live(count, *, start, step=timedelta(minutes=-1), **kwargs):
    return [
        ArticleFactory(status=Article.Status.PUBLISHED, publish_at=start + n * step, **kwargs) for n in range(count)
    ]


@pytest.mark.django_db
def test_a_walk_gives_every_story_once_while_stories_are_published_during_it(client, time_machine):
    """Between pages, new stories go live (published now, and scheduled ones reaching their time) and one
    is published with a time in the past; the walk still gives each story that was live when it began
    exactly once, newest first."""
    time_machine.move_to(NOW, tick=False)
    before = live(25, start=NOW - timedelta(minutes=1))
    # Two ties on the publication time: the id breaks them.
    before += live(2, start=NOW - timedelta(minutes=3))
    scheduled = live(3, start=NOW + timedelta(seconds=30), step=timedelta(seconds=10))
    seen, url, page = [], f"{API}/stories?limit=4&fields=id,published_at", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += [item["id"] for item in response.json()["items"]]
        url = next_link(response) and path_of(next_link(response))
        page += 1
        time_machine.move_to(NOW + timedelta(seconds=20 * page), tick=False)
        live(1, start=timezone.now())  # published "now"
    assert len(seen) == len(set(seen))
    expected = [a.pk for a in sorted(before, key=lambda a: (a.publish_at, a.pk), reverse=True)]
    assert [pk for pk in seen if pk in expected] == expected
    assert not {a.pk for a in scheduled} & set(seen)  # live only after the walk had passed their place


@pytest.mark.django_db
def test_a_story_backdated_during_a_walk_is_not_given_twice(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    stories = live(6, start=NOW - timedelta(minutes=1))
    first = client.get(f"{API}/stories?limit=3")
    # An editor publishes a story with a time among those already walked past: the walk does not revisit them.
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(seconds=90))
    rest = client.get(path_of(next_link(first)))
    walked = [item["id"] for item in first.json()["items"] + rest.json()["items"]]
    assert len(walked) == len(set(walked))
    assert set(a.pk for a in stories) <= set(walked)


@pytest.mark.django_db
def test_link_header_and_next_name_the_same_page_with_the_filters_kept(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    live(3, start=NOW - timedelta(minutes=1), tags=["Syria"])
    response = client.get(f"{API}/stories?tag=syria&limit=2&fields=id&utm_source=x")
    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'
    assert "tag=syria" in response.json()["next"] and "fields=id" in response.json()["next"]
    assert "utm_source" not in response.json()["next"]  # not a parameter the API reads: dropped by the page cache
    last = client.get(path_of(response.json()["next"]))
    assert len(last.json()["items"]) == 1
    assert last.json()["next"] is None and "Link" not in last


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", [
    "nonsense", "WyJ4Il0", "W10", "WyIyMDI2LTExLTI0VDE0OjAwOjAwIiwxXQ", "tags:WyJhXHUwMDAwIl0", "tags:WyJcdWQ4MDAiXQ",
])
def test_a_cursor_not_made_by_the_api_is_a_400(client, cursor):
    """Garbage, a wrong shape, an empty key, a time without its zone and text no query can carry are refused with a
    clear message."""
    # The tags cursors hold a NUL character, which PostgreSQL refuses, and a lone surrogate, which is not UTF-8.
    listing, _, cursor = cursor.rpartition(":")
    response = client.get(f"{API}/{listing or 'stories'}?cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(("endpoint", "key"), [
    ("stories", ["0001-01-01T00:00:00+14:00", 1]), ("changes", ["9999-12-31T23:59:59-14:00", 1, 1]),
    ("stories", "[" * 1000), ("tags", "[" * 1000), ("changes", "[" * 1000),
])
def test_a_cursor_no_page_could_have_given_is_a_400(client, endpoint, key):
    """A time the calendar cannot hold in UTC, and JSON nested deeper than the parser goes (a 500 before)."""
    raw = key if isinstance(key, str) else json.dumps(key)
    cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    response = client.get(f"{API}/{endpoint}?cursor={cursor}")
    assert response.status_code == 400 and "cursor" in response.json()["detail"]


@pytest.mark.django_db
def test_fields_selects_the_fields_returned(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    story = live(1, start=NOW - timedelta(minutes=1))[0]
    assert client.get(f"{API}/stories?fields=id,headline").json()["items"] == [{"id": story.pk, "headline": story.headline}]
    assert client.get(f"{API}/stories/{story.pk}?fields=body").json() == {"body": story.body}


@pytest.mark.django_db
def test_an_unknown_field_is_a_400_naming_the_known_ones(client):
    response = client.get(f"{API}/stories?fields=id,password")
    assert response.status_code == 400
    assert "password" in response.json()["detail"] and "headline" in response.json()["detail"]


@pytest.mark.django_db
def test_tags_are_walked_by_slug(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW, tags=[f"Topic {n:02}" for n in range(7)])
    response = client.get(f"{API}/tags?limit=3")
    names = [tag["name"] for tag in response.json()["items"]]
    while next_link(response):
        response = client.get(path_of(next_link(response)))
        names += [tag["name"] for tag in response.json()["items"]]
    assert names == [f"Topic {n:02}" for n in range(7)]
