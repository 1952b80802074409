"""The changes feed (`/api/v1/changes`) and `?updated_since=` are how an app keeps its copy in step. A tag renamed
or merged, a section renamed, a byline's name corrected change every story carrying it (the API shows the new
name): each such story is stamped as saved, as a photo's credit fixed in the library stamps the stories showing it
(articles/caching.py, `stamp`). Found in a review: the app was never told, and kept the old names and their
dead links until the story happened to be saved again."""
from datetime import timedelta

import pytest
from django.test import Client
from taggit.models import Tag

from articles.models import Article
from tests.api.helpers import API, path_of
from tests.articles.helpers import NOW
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.API_CHANGES_SETTLE_SECONDS = 5


def later(time_machine, seconds):
    time_machine.move_to(NOW + timedelta(seconds=seconds), tick=False)


@pytest.fixture
def author(db):
    return UserFactory(first_name="Ada", last_name="Ekwueme")


@pytest.fixture
def story(author):
    return ArticleFactory(
        status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=1), tags=["Ports"], authors=[author],
        section=SectionFactory(slug="coast", name="Coast"),
    )


@pytest.fixture
def app(story, time_machine):
    """An app that synced everything 30 s after NOW and kept the feed's `next` link to poll later."""
    client = Client()
    later(time_machine, 30)
    first = client.get(f"{API}/changes").json()
    assert [item["id"] for item in first["items"]] == [story.pk]
    return client, path_of(first["next"])


def admin_save(client, url, **typed):
    page = client.get(url).content.decode()
    response = client.post(url, form_values(page, _save="Save", **typed))
    assert response.status_code == 302, response.content.decode()[:2000]


def polled_after(app, time_machine, story):
    client, kept = app
    later(time_machine, 120)
    return client, [(item["id"], item["change"]) for item in client.get(kept).json()["items"]]


def test_a_tag_renamed_on_the_desk_is_announced_to_apps(story, app, editor_client, committed, time_machine):
    """The editor renames "Ports" to "Harbours" (the tag admin): the app's next poll lists the story as updated."""
    later(time_machine, 60)
    tag = Tag.objects.get(name="Ports")
    with committed():
        admin_save(editor_client, f"/admin/taggit/tag/{tag.pk}/change/", name="Harbours", slug="harbours")
    client, items = polled_after(app, time_machine, story)
    assert [t["name"] for t in client.get(f"{API}/stories/{story.pk}").json()["tags"]] == ["Harbours"]
    assert items == [(story.pk, "updated")]


def test_a_section_renamed_on_the_desk_is_announced_to_apps(story, app, editor_client, committed, time_machine):
    """The section "Coast" renamed "Shore" (section admin): the feed lists the story as updated."""
    later(time_machine, 60)
    with committed():
        admin_save(editor_client, f"/admin/articles/section/{story.section_id}/change/", name="Shore")
    client, items = polled_after(app, time_machine, story)
    assert client.get(f"{API}/stories/{story.pk}").json()["section"]["name"] == "Shore"
    assert items == [(story.pk, "updated")]


def test_a_byline_name_corrected_is_announced_to_apps(story, app, author, committed, time_machine):
    """A misspelt byline corrected ("Ekwueme" to "Okoye", what the user admin's save does): the feed and
    ?updated_since= list the story."""
    later(time_machine, 60)
    with committed():
        author.last_name = "Okoye"
        author.save()
    client, items = polled_after(app, time_machine, story)
    assert client.get(f"{API}/stories/{story.pk}").json()["bylines"] == [{"id": author.pk, "name": "Ada Okoye"}]
    since = client.get(f"{API}/stories?updated_since=2026-11-24T14:00:50Z").json()["items"]
    assert ([s["id"] for s in since], items) == ([story.pk], [(story.pk, "updated")])


def test_tags_merged_on_the_desk_are_announced_to_apps(story, app, editor_client, committed, time_machine):
    """"Ports" merged into "Harbours" ("Merge selected tags"): the story names another tag, and says so."""
    later(time_machine, 60)
    with committed():
        editor_client.post("/admin/taggit/tag/", {"action": "render_tag_form", "_selected_action": [story.tags.get().pk]})
        assert editor_client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "Harbours"}).status_code == 302
    client, items = polled_after(app, time_machine, story)
    assert [t["name"] for t in client.get(f"{API}/stories/{story.pk}").json()["tags"]] == ["Harbours"]
    assert items == [(story.pk, "updated")]


def test_a_login_or_a_new_password_is_no_change_of_the_byline(story, app, author, committed, time_machine):
    """Only what the byline shows stamps the stories: an author's login or password change tells apps nothing."""
    later(time_machine, 60)
    with committed():
        author.set_password("a new long passphrase")
        author.save()
    assert polled_after(app, time_machine, story)[1] == []
