"""The changes feed: publications, updates and removals, so an app can sync and drop what left the site."""
from datetime import timedelta

import pytest
from django.test import Client
from taggit.models import Tag

from api.models import Removal
from articles.models import Article
from desk.services import article_publish, article_withdraw
from photos.models import Photo
from tests.api.helpers import API, next_link, path_of
from tests.articles.helpers import NOW
from tests.factories import ArticleFactory, ArticlePhotoFactory, CorrectionFactory, PhotoFactory, SectionFactory, UserFactory
from tests.helpers import form_values


@pytest.fixture(autouse=True)
def frozen(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.API_CHANGES_SETTLE_SECONDS = 5


def later(time_machine, seconds):
    time_machine.move_to(NOW + timedelta(seconds=seconds), tick=False)


def changes(client, query=""):
    return [(item["id"], item["change"]) for item in client.get(f"{API}/changes{query}").json()["items"]]


def live_story(**kwargs):
    return ArticleFactory(**{"status": Article.Status.PUBLISHED, "publish_at": NOW - timedelta(hours=1), **kwargs})


@pytest.mark.django_db
def test_a_story_withdrawn_on_the_desk_is_a_removal_without_content(client, time_machine, editor):
    story = live_story(headline="Withdrawn scoop")
    later(time_machine, 60)
    article_withdraw(article=story, by=editor)
    later(time_machine, 120)
    response = client.get(f"{API}/changes?since=2026-11-24T14:00:30Z")
    assert response.json()["items"] == [
        {"id": story.pk, "change": "removed", "at": "2026-11-24T14:01:00Z", "url": None},
    ]
    assert b"Withdrawn scoop" not in response.content
    assert client.get(f"{API}/stories/{story.pk}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["rescheduled", "deleted", "sent to draft"])
def test_a_live_story_leaving_by_any_save_is_a_removal(client, time_machine, how):
    story = live_story()
    later(time_machine, 60)
    if how == "deleted":
        pk = story.pk
        story.delete()
    else:
        pk = story.pk
        if how == "rescheduled":
            story.publish_at = NOW + timedelta(days=1)
        else:
            story.status = Article.Status.DRAFT
        story.save()
    later(time_machine, 120)
    assert changes(client, "?since=2026-11-24T14:00:30Z") == [(pk, "removed")]


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["withdrawn", "deleted", "rescheduled"])
def test_a_story_that_expired_and_then_left_is_still_a_removal(client, time_machine, how):
    """Expired, the feed lists it as removed only while it stays published with a past expiry: once it leaves
    that too, an app that last polled while it was live must still be told, through its kept `next` link."""
    story = live_story(unpublish_at=NOW + timedelta(minutes=1))
    pk = story.pk
    later(time_machine, 30)
    first = client.get(f"{API}/changes").json()
    assert pk in [item["id"] for item in first["items"]]  # the app's copy has it
    kept = path_of(first["next"])
    later(time_machine, 120)  # it expired at +60 s, and now leaves:
    if how == "withdrawn":
        story.status = Article.Status.WITHDRAWN
        story.save()
    elif how == "deleted":
        story.delete()
    else:
        story.publish_at, story.unpublish_at = NOW + timedelta(days=1), None
        story.save()
    later(time_machine, 600)
    assert (pk, "removed") in [(item["id"], item["change"]) for item in client.get(kept).json()["items"]]


@pytest.mark.django_db
def test_a_story_that_was_never_live_never_appears(client, time_machine):
    """A draft edited, and a scheduled story withdrawn before its time, leave no trace: not even their ids."""
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW + timedelta(minutes=5))
    later(time_machine, 60)
    draft.save()
    scheduled.status = Article.Status.WITHDRAWN
    scheduled.save()
    later(time_machine, 3600)  # its publication time has long passed
    scheduled.save()  # edited again while withdrawn
    later(time_machine, 3700)
    assert changes(client) == []
    assert not Removal.objects.exists()


@pytest.mark.django_db
def test_a_republished_story_follows_its_removal(client, time_machine):
    story = live_story()
    later(time_machine, 10)
    story.status = Article.Status.WITHDRAWN
    story.save()
    later(time_machine, 20)
    story.status = Article.Status.PUBLISHED
    story.save()
    later(time_machine, 30)
    assert changes(client, "?since=2026-11-24T14:00:05Z") == [(story.pk, "removed"), (story.pk, "updated")]


@pytest.mark.django_db
def test_a_story_published_now_on_the_desk_is_a_publication_and_its_next_save_an_update(client, time_machine, editor):
    """On a running clock: the save comes a few milliseconds after the desk reads the publication time, and
    a frozen one (the fixture's) would hide it."""
    time_machine.move_to(NOW, tick=True)
    story = ArticleFactory()
    article_publish(article=story, by=editor)  # "Publish now"
    time_machine.move_to(NOW + timedelta(seconds=30), tick=True)
    assert changes(client) == [(story.pk, "published")]
    story.save()
    time_machine.move_to(NOW + timedelta(seconds=60), tick=True)
    assert changes(client, "?since=2026-11-24T14:00:10Z") == [(story.pk, "updated")]


@pytest.mark.django_db
def test_a_change_waits_until_it_has_settled_and_is_not_cached_meanwhile(client, time_machine):
    """A save's time is read before its commit: a change younger than API_CHANGES_SETTLE_SECONDS is held back,
    in a response that no cache keeps, so that a cursor never passes a change that is still committing."""
    old = live_story()
    later(time_machine, 60)
    fresh = live_story()
    later(time_machine, 64)
    response = client.get(f"{API}/changes")
    assert [item["id"] for item in response.json()["items"]] == [old.pk]
    assert response["Cache-Control"] == "no-cache" and "xkey" not in response
    later(time_machine, 65)
    response = client.get(path_of(response.json()["next"]))
    assert [item["id"] for item in response.json()["items"]] == [fresh.pk]
    assert "s-maxage" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_sync_walk_under_concurrent_publications_misses_nothing_and_repeats_nothing(client, time_machine):
    """An app walks the feed page by page while stories are published; polling its last `next` afterwards
    brings the rest. Every story comes exactly once."""
    stories = [live_story() for _ in range(7)]
    later(time_machine, 10)
    seen, url, step = [], f"{API}/changes?limit=2", 10
    while True:
        response = client.get(url)
        seen += [item["id"] for item in response.json()["items"]]
        step += 1
        later(time_machine, step)
        stories.append(live_story(publish_at=NOW + timedelta(seconds=step)))  # published now
        url = path_of(response.json()["next"])
        if not response.json()["more"]:
            break
    later(time_machine, step + 10)
    while True:  # the next poll, once the last ones have settled
        response = client.get(url)
        seen += [item["id"] for item in response.json()["items"]]
        url = path_of(response.json()["next"])
        if not response.json()["more"]:
            break
    assert sorted(seen) == sorted(story.pk for story in stories)


@pytest.mark.django_db
def test_a_correction_is_an_update(client, time_machine):
    story = live_story()
    later(time_machine, 60)
    CorrectionFactory(article=story)
    later(time_machine, 70)
    response = client.get(f"{API}/changes?since=2026-11-24T14:00:30Z")
    assert response.json()["items"] == [
        {"id": story.pk, "change": "updated", "at": "2026-11-24T14:01:00Z", "url": f"http://testserver{API}/stories/{story.pk}"},
    ]


@pytest.mark.django_db
def test_a_photo_or_agency_fixed_in_the_library_is_an_update_of_the_live_stories_showing_it(client, time_machine, committed):
    """A credit, caption or alt text fixed in the photo library changes what the stories show without saving
    them: an app syncing through /changes must hear of it, or it keeps the wrong credit for good."""
    photo, other = PhotoFactory(), PhotoFactory()
    lead, body, draft, unrelated = live_story(lead_photo=photo), live_story(), ArticleFactory(lead_photo=photo), live_story(lead_photo=other)
    ArticlePhotoFactory(article=body, photo=photo)
    later(time_machine, 60)
    kept = client.get(f"{API}/changes").json()["next"]
    with committed():
        photo.save()  # nothing changed: nothing to tell
    later(time_machine, 70)
    assert client.get(path_of(kept)).json()["items"] == []
    with committed():
        photo.credit_type, photo.agency, photo.photographer = Photo.CreditType.STAFF, None, "Jane Doe"
        photo.save()
    later(time_machine, 80)
    assert sorted(changes(client, "?since=2026-11-24T14:01:05Z")) == sorted([(lead.pk, "updated"), (body.pk, "updated")])
    assert client.get(f"{API}/stories/{lead.pk}").json()["lead_photo"]["credit"] == "(Staff photo: Jane Doe)"
    with committed():
        other.agency.short_name = "Reuters"
        other.agency.save()
    later(time_machine, 90)
    assert changes(client, "?since=2026-11-24T14:01:15Z") == [(unrelated.pk, "updated")]
    assert draft.pk not in {pk for pk, _ in changes(client)}


@pytest.mark.django_db
def test_next_links_only_when_more_is_ready_now(client, time_machine):
    live_story()
    later(time_machine, 60)
    response = client.get(f"{API}/changes?limit=1")
    assert response.json()["more"] is False and "Link" not in response
    assert "since" not in response.json()["next"] and next_link(response) is None


# A tag renamed or merged, a section renamed, a byline corrected: each changes the stories carrying it (the API shows
# the new name), which are stamped as saved, as a photo's credit fixed is (articles/caching.py, `stamp`). Found in
# a review: the app was never told, and kept the old names and their dead links.

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


def merge_into_harbours(desk, story):
    desk.post("/admin/taggit/tag/", {"action": "render_tag_form", "_selected_action": [story.tags.get().pk]})
    assert desk.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "Harbours"}).status_code == 302


RENAMES = {  # what the desk does, and what the API's story then says
    "tag renamed": (lambda desk, story: admin_save(desk, f"/admin/taggit/tag/{story.tags.get().pk}/change/", name="Harbours",
                                                   slug="harbours"), lambda shown: [t["name"] for t in shown["tags"]] == ["Harbours"]),
    "tags merged": (merge_into_harbours, lambda shown: [t["name"] for t in shown["tags"]] == ["Harbours"]),
    "section renamed": (lambda desk, story: admin_save(desk, f"/admin/articles/section/{story.section_id}/change/", name="Shore"),
                        lambda shown: shown["section"]["name"] == "Shore"),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("rename", "shows_it"), RENAMES.values(), ids=RENAMES.keys())
def test_a_tag_or_section_renamed_on_the_desk_is_announced_to_apps(story, app, editor_client, committed, time_machine,
                                                                    rename, shows_it):
    """"Ports" renamed or merged into "Harbours", the section "Coast" renamed "Shore": the app's next poll lists
    the story as updated."""
    later(time_machine, 60)
    with committed():
        rename(editor_client, story)
    client, items = polled_after(app, time_machine, story)
    assert shows_it(client.get(f"{API}/stories/{story.pk}").json())
    assert items == [(story.pk, "updated")]


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_a_login_or_a_new_password_is_no_change_of_the_byline(story, app, author, committed, time_machine):
    """Only what the byline shows stamps the stories: an author's login or password change tells apps nothing."""
    later(time_machine, 60)
    with committed():
        author.set_password("a new long passphrase")
        author.save()
    assert polled_after(app, time_machine, story)[1] == []


DELETIONS = {  # what the desk deletes, and what the API's story then says
    "tag deleted": (lambda desk, story: desk.post(f"/admin/taggit/tag/{story.tags.get().pk}/delete/", {"post": "yes"}),
                    lambda shown: shown["tags"] == []),
    "bylined account deleted": (lambda desk, story: desk.post(f"/admin/auth/user/{story.authors.get().pk}/delete/", {"post": "yes"}),
                                lambda shown: shown["bylines"] == []),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("delete", "shows_it"), DELETIONS.values(), ids=DELETIONS.keys())
def test_a_tag_or_a_bylined_account_deleted_is_announced_to_apps(story, app, admin_client, committed, time_machine,
                                                                  delete, shows_it):
    """The tag "Ports" deleted in the tags' list, or the bylined stringer's account deleted: the story's page and API
    item lose it, and the feed and ?updated_since= list the story. Apps kept the dead tag or the name for good before
    (found by a reviewer), where a rename was announced."""
    later(time_machine, 60)
    with committed():
        assert delete(admin_client, story).status_code == 302
    client, items = polled_after(app, time_machine, story)
    assert shows_it(client.get(f"{API}/stories/{story.pk}").json())
    since = client.get(f"{API}/stories?updated_since=2026-11-24T14:00:50Z").json()["items"]
    assert ([s["id"] for s in since], items) == ([story.pk], [(story.pk, "updated")])
