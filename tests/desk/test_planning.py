"""The desk and the budget: a story written from an assignment, an assignment made from a story, the
assignment following the story's workflow, the art warning on publication, and the journalist's desk home."""
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import Article
from desk.services import article_publish, article_publish_warnings, article_send_back, article_submit
from planning.models import Assignment
from tests.desk.helpers import action_url, change_url, story_form
from tests.factories import ArticleFactory, AssignmentFactory, PhotoFactory, SectionFactory, UserFactory
from tests.helpers import form_values

ADD_URL = reverse("admin:articles_article_add")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def people(db):
    return {"writer": UserFactory(username="kim", role="Journalist"), "other": UserFactory(role="Journalist"),
            "editor": UserFactory(role="Editor")}


def test_an_assignee_writes_the_story_from_the_assignment(people, client):
    desk = SectionFactory(slug="politics")
    assignment = AssignmentFactory(desk=desk, working_headline="Vote count drags on", slug="vote-count",
                                   assignees=[people["writer"]])
    client.force_login(people["writer"])
    form = client.get(f"{ADD_URL}?assignment={assignment.pk}").context["adminform"].form
    assert (form.initial["headline"], form.initial["section"]) == ("Vote count drags on", desk.pk)
    response = client.post(f"{ADD_URL}?assignment={assignment.pk}", story_form(desk, headline="Vote count drags on"))
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.story == Article.objects.get(headline="Vote count drags on")


def test_someone_not_on_the_assignment_writes_an_unlinked_story(people, client):
    desk = SectionFactory()
    assignment = AssignmentFactory(desk=desk, assignees=[people["writer"]])
    client.force_login(people["other"])
    assert "headline" not in client.get(f"{ADD_URL}?assignment={assignment.pk}").context["adminform"].form.initial
    client.post(f"{ADD_URL}?assignment={assignment.pk}", story_form(desk))
    assignment.refresh_from_db()
    assert assignment.story is None


def test_an_editor_plans_an_existing_story(people, client):
    article = ArticleFactory(headline="Harbour deal signed", authors=[people["writer"]])
    client.force_login(people["editor"])
    add = reverse("admin:planning_assignment_add")
    assert f"{add}?story={article.pk}" in client.get(change_url(article)).text
    initial = client.get(f"{add}?story={article.pk}").context["adminform"].form.initial
    assert (initial["story"], initial["working_headline"], initial["desk"]) == (article.pk, "Harbour deal signed", article.section_id)


@pytest.mark.parametrize("linked_by", ["plan this story", "story field"])
@pytest.mark.parametrize(("story_status", "expected"), [
    (Article.Status.REVIEW, Assignment.Status.FILED),
    (Article.Status.PUBLISHED, Assignment.Status.PUBLISHED),
])
def test_an_assignment_linked_to_a_story_in_the_admin_takes_the_storys_status(
    people, client, time_machine, linked_by, story_status, expected,
):
    """A story already in review makes its new line filed, a published one published: neither is late."""
    time_machine.move_to(NOW, tick=False)
    story = ArticleFactory(status=story_status,
                           publish_at=NOW - timedelta(hours=2) if story_status == Article.Status.PUBLISHED else None)
    client.force_login(people["editor"])
    if linked_by == "plan this story":  # the desk panel's link
        url = reverse("admin:planning_assignment_add") + f"?story={story.pk}"
        changes = {}
    else:
        url = reverse("admin:planning_assignment_change", args=[AssignmentFactory(desk=story.section).pk])
        changes = {"story": story.pk}
    data = form_values(client.get(url).text, due_at="2026-11-24T11:00:00", art="none", **changes)
    assert client.post(url, data).status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.story == story
    assert assignment.status == expected
    assert not assignment.is_late


def test_a_story_belongs_to_one_assignment_at_most(people, client):
    article = ArticleFactory()
    AssignmentFactory(story=article)
    client.force_login(people["editor"])
    response = client.post(reverse("admin:planning_assignment_add"), {
        "slug": "again", "working_headline": "Again", "desk": article.section_id, "status": "assigned",
        "due_at": "2026-11-24T12:00", "art": "none", "story": article.pk,
    })
    assert response.status_code == 200
    assert "story" in response.context["adminform"].form.errors
    assert Assignment.objects.count() == 1


def test_the_assignment_follows_its_story_through_the_workflow(people):
    article = ArticleFactory(authors=[people["writer"]])
    assignment = AssignmentFactory(story=article, status=Assignment.Status.ASSIGNED, art=Assignment.Art.NONE)
    article_submit(article=article, by=people["writer"])
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.FILED
    article_publish(article=article, by=people["editor"])
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.PUBLISHED


@pytest.mark.parametrize("status", [Assignment.Status.FILED, Assignment.Status.READY])
def test_a_line_whose_story_is_sent_back_is_assigned_again(people, status):
    article = ArticleFactory(authors=[people["writer"]])
    assignment = AssignmentFactory(story=article, assignees=[people["writer"]])
    article_submit(article=article, by=people["writer"])
    Assignment.objects.filter(pk=assignment.pk).update(status=status)  # the editor may have marked it ready
    article_send_back(article=article, by=people["editor"], note="Needs a second source")
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ASSIGNED


@pytest.mark.parametrize(("art", "photo", "warned"), [
    (Assignment.Art.PHOTO, False, True),
    (Assignment.Art.PHOTO, True, False),
    (Assignment.Art.NONE, False, False),
])
def test_publishing_without_the_art_the_assignment_asks_for_warns_but_publishes(people, client, art, photo, warned):
    article = ArticleFactory(status=Article.Status.REVIEW, lead_photo=PhotoFactory() if photo else None)
    AssignmentFactory(story=article, art=art, slug="harbour")
    client.force_login(people["editor"])
    assert ("asks for a photo" in client.get(change_url(article)).text) is warned
    response = client.post(action_url(article, "publish"), {"version": article.version, "note": ""})
    article.refresh_from_db()
    assert article.is_published
    texts = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert (("warning", "Its assignment “harbour” asks for a photo and the story has none.") in texts) is warned


def test_a_story_without_an_assignment_has_no_warnings(people):
    assert article_publish_warnings(ArticleFactory()) == []


def test_journalists_see_their_assignments_on_their_desk_home(people, client):
    mine = AssignmentFactory(working_headline="Port strike day ten", assignees=[people["writer"]])
    AssignmentFactory(working_headline="Someone else's line", assignees=[people["other"]])
    AssignmentFactory(working_headline="Already out", assignees=[people["writer"]], status=Assignment.Status.PUBLISHED)
    client.force_login(people["writer"])
    home = client.get(reverse("admin:index")).text
    assert "Port strike day ten" in home
    assert f"{ADD_URL}?assignment={mine.pk}" in home
    assert "Someone else" not in home and "Already out" not in home


def test_journalists_see_only_their_own_assignments_in_the_list(people, client):
    AssignmentFactory(working_headline="Port strike day ten", assignees=[people["writer"]])
    AssignmentFactory(working_headline="Someone else's line", assignees=[people["other"]])
    client.force_login(people["writer"])
    listing = client.get(reverse("admin:planning_assignment_changelist")).text
    assert "Port strike day ten" in listing and "Someone else" not in listing
    assert client.post(reverse("admin:planning_assignment_add"), {}).status_code == 403


def test_the_list_action_warns_about_missing_art_too(people, client):
    article = ArticleFactory(status=Article.Status.REVIEW, headline="Harbour deal")
    AssignmentFactory(story=article, art=Assignment.Art.PHOTO, slug="harbour")
    client.force_login(people["editor"])
    response = client.post(reverse("admin:articles_article_changelist"),
                           {"action": "publish_now", "_selected_action": [article.pk]}, follow=True)
    assert "“Harbour deal”: Its assignment “harbour” asks for a photo" in response.text
    article.refresh_from_db()
    assert article.is_published


def test_the_list_action_does_not_warn_about_stories_that_were_already_live(people, client):
    live = ArticleFactory(published=True, headline="Already out")
    AssignmentFactory(story=live, art=Assignment.Art.PHOTO, slug="out")
    client.force_login(people["editor"])
    response = client.post(reverse("admin:articles_article_changelist"),
                           {"action": "publish_now", "_selected_action": [live.pk]}, follow=True)
    assert "asks for a photo" not in response.text


def test_the_desk_home_costs_the_same_few_queries_for_many_assignments(people, client, django_assert_max_num_queries):
    AssignmentFactory.create_batch(15, assignees=[people["writer"]])
    client.force_login(people["writer"])
    # domain list, platform links, site name (a cold cache); session, user, permissions (2);
    # assignments with their desks; mentions; what others did to your stories; the recent actions box; the clock's
    # next change (kept in the cache after)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:index")).status_code == 200


def test_a_planned_window_must_end_after_it_starts(people, client):
    client.force_login(people["editor"])
    response = client.post(reverse("admin:planning_assignment_add"), {
        "slug": "window", "working_headline": "Window", "desk": SectionFactory().pk, "status": "assigned",
        "due_at": "2026-11-24T12:00", "art": "none",
        "publish_from": "2026-11-24T18:00", "publish_until": "2026-11-24T17:00",
    })
    assert response.status_code == 200 and not Assignment.objects.exists()
    form = response.context["adminform"].form  # said in words on the window's end, not as the constraint's name
    assert form.errors == {"publish_until": ["The planned window must end after it starts (Tue 24 Nov 18:00 UTC)."]}
