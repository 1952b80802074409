"""The one gate on every API endpoint: a story shows exactly when `Article.objects.published()` returns it,
over the whole visibility grid (draft, in review, scheduled, withdrawn, expired, at T-1 s, T and T+1 s)."""
from datetime import timedelta

import pytest

from articles.models import Article
from tests.api.helpers import API, walk
from tests.articles.helpers import CASES, NOW, SECOND
from tests.factories import ArticleFactory, SectionFactory, UserFactory


@pytest.fixture(autouse=True)
def frozen(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.API_CHANGES_SETTLE_SECONDS = 0  # the grid is about the gate; settling has its own tests


@pytest.fixture
def neighbour(db):
    """A live story in the same section, tag and byline, so every list exists whatever the story under test is."""
    return ArticleFactory(
        headline="Neighbouring live story", status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=2),
        section=SectionFactory(slug="politics", name="Politics"), tags=["Budget"], authors=[UserFactory(username="neighbour")],
    )


def story_under_test(status, publish_at, unpublish_at):
    return ArticleFactory(
        headline="Embargoed budget figures leak-test", status=status, publish_at=publish_at, unpublish_at=unpublish_at,
        section=SectionFactory(slug="politics", name="Politics"), tags=["Budget", "Scoop-only tag"],
        authors=[UserFactory(username="scoop-writer", first_name="Secret", last_name="Source")],
    )


LISTS = [
    "/stories", "/stories?section=politics", "/stories?tag=budget", "/stories?updated_since=2026-11-24T13:00:00Z",
    "/stories?fields=id",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_story_lists_follow_the_gate(client, neighbour, url, status, publish_at, unpublish_at, visible):
    """Every list of stories, filtered or not, carries the story exactly when the gate says so."""
    article = story_under_test(status, publish_at, unpublish_at)
    listed = [item["id"] for item in walk(client, API + url)]
    assert neighbour.pk in listed
    assert (article.pk in listed) is visible


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_author_filter_follows_the_gate(client, neighbour, status, publish_at, unpublish_at, visible):
    article = story_under_test(status, publish_at, unpublish_at)
    author = article.authors.get()
    assert [item["id"] for item in walk(client, f"{API}/stories?author={author.pk}")] == ([article.pk] if visible else [])


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_one_story_follows_the_gate(client, neighbour, status, publish_at, unpublish_at, visible):
    """By id, an unpublished story is a 404 that says nothing of it."""
    article = story_under_test(status, publish_at, unpublish_at)
    response = client.get(f"{API}/stories/{article.pk}")
    assert response.status_code == (200 if visible else 404)
    assert (b"Embargoed budget" in response.content) is visible


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_tags_and_authors_of_unpublished_stories_stay_unnamed(client, neighbour, status, publish_at, unpublish_at, visible):
    """A tag or a byline that only an unpublished story carries names a scoop: it is listed from the story's second."""
    story_under_test(status, publish_at, unpublish_at)
    tags = [tag["name"] for tag in walk(client, f"{API}/tags")]
    authors = [author["name"] for author in client.get(f"{API}/authors").json()]
    assert "Budget" in tags and "Sam Writer" not in authors  # the neighbour's byline is "neighbour"'s name
    assert ("Scoop-only tag" in tags) is visible
    assert ("Secret Source" in authors) is visible


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), CASES)
def test_changes_follow_the_gate(client, neighbour, status, publish_at, unpublish_at, visible):
    """The changes feed names a live story as published or updated; an expired one only as removed, without content; a
    draft, a story in review or a scheduled one not at all. (A story withdrawn by a save: test_changes.py.)"""
    article = story_under_test(status, publish_at, unpublish_at)
    response = client.get(f"{API}/changes")
    changes = {item["id"]: item for item in response.json()["items"]}
    assert neighbour.pk in changes
    assert b"Embargoed budget" not in response.content
    expired = status == Article.Status.PUBLISHED and unpublish_at is not None and unpublish_at <= NOW
    if visible:
        assert changes[article.pk]["change"] in ("published", "updated")  # saved at NOW: after its publication
    elif expired:
        assert changes[article.pk] == {"id": article.pk, "change": "removed", "at": "2026-11-24T14:00:00Z", "url": None}  # saved at NOW
    else:
        assert article.pk not in changes


@pytest.mark.django_db
def test_a_scheduled_story_appears_on_every_endpoint_at_its_second(client, time_machine):
    """One second before its time it is on no endpoint; at its time it is on all of them."""
    article = story_under_test(Article.Status.PUBLISHED, NOW + SECOND, None)
    time_machine.move_to(NOW, tick=False)
    checks = {
        "list": lambda: article.pk in [item["id"] for item in client.get(f"{API}/stories").json()["items"]],
        "story": lambda: client.get(f"{API}/stories/{article.pk}").status_code == 200,
        "tags": lambda: "Scoop-only tag" in [tag["name"] for tag in client.get(f"{API}/tags").json()["items"]],
        "authors": lambda: "Secret Source" in [author["name"] for author in client.get(f"{API}/authors").json()],
        "changes": lambda: article.pk in [item["id"] for item in client.get(f"{API}/changes").json()["items"]],
    }
    assert {name: check() for name, check in checks.items()} == dict.fromkeys(checks, False)
    time_machine.move_to(NOW + SECOND, tick=False)
    assert {name: check() for name, check in checks.items()} == dict.fromkeys(checks, True)


@pytest.mark.django_db
def test_an_expiring_story_leaves_every_endpoint_at_its_second(client, time_machine):
    article = story_under_test(Article.Status.PUBLISHED, NOW - timedelta(days=1), NOW + SECOND)
    assert client.get(f"{API}/stories/{article.pk}").status_code == 200
    assert [item["id"] for item in client.get(f"{API}/stories").json()["items"]] == [article.pk]
    time_machine.move_to(NOW + SECOND, tick=False)
    assert client.get(f"{API}/stories/{article.pk}").status_code == 404
    assert client.get(f"{API}/stories").json()["items"] == []
    assert client.get(f"{API}/authors").json() == []
    assert [item["change"] for item in client.get(f"{API}/changes").json()["items"]] == ["removed"]
