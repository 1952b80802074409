"""An assignment's form opened before a change (a colleague's save, the story moving on the desk) is refused with
its text kept, not saved over that change; saved again once told, it goes through. Deleted meanwhile, its text comes
back to copy."""
import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from desk.services import article_submit
from planning.models import Assignment
from tests.factories import ArticleFactory, AssignmentFactory, UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


def co_editor() -> Client:
    """A second editor, in a browser of their own (editor_client is the first)."""
    return browser_of(UserFactory(username="co-editor", role="Editor"))


def test_a_stale_form_does_not_drop_a_colleagues_save(editor_client):
    assignment = AssignmentFactory(notes="")
    change = reverse("admin:planning_assignment_change", args=[assignment.pk])
    page = opened_before_a_colleagues_save(editor_client, change, co_editor(), notes="Photographer booked for 14:00 at the court.")
    response = editor_client.post(change, form_values(page, working_headline="Verdict expected today"))
    assignment.refresh_from_db()
    assert response.status_code == 200
    assert assignment.notes == "Photographer booked for 14:00 at the court." and assignment.working_headline != "Verdict expected today"
    refused = response.content.decode()
    assert "This assignment was changed while you were editing it" in refused and 'value="Verdict expected today"' in refused
    assert "Photographer booked for 14:00" in refused  # what it says now
    again = editor_client.post(change, form_values(refused, notes="Photographer booked for 14:00 at the court."))
    assignment.refresh_from_db()
    assert again.status_code == 302 and assignment.working_headline == "Verdict expected today"


def test_a_stale_form_does_not_undo_the_storys_workflow(editor_client, journalist):
    article = ArticleFactory(status=Article.Status.DRAFT, authors=[journalist])
    assignment = AssignmentFactory(story=article, status="assigned")
    change = reverse("admin:planning_assignment_change", args=[assignment.pk])
    page = editor_client.get(change).content.decode()
    article_submit(article=article, by=journalist)  # the copy is filed meanwhile
    assert editor_client.post(change, form_values(page, notes="Legal to read before 17:00.")).status_code == 200
    assignment.refresh_from_db()
    assert assignment.status == "filed"


def test_an_assignment_deleted_meanwhile_gives_back_what_was_typed(editor_client):
    assignment = AssignmentFactory(notes="")
    change = reverse("admin:planning_assignment_change", args=[assignment.pk])
    page = editor_client.get(change).content.decode()
    colleague = co_editor()
    colleague.post(reverse("admin:planning_assignment_delete", args=[assignment.pk]), {"post": "yes"})
    typed = form_values(page, working_headline="Verdict expected today", notes="Court at 10, photographer booked.")
    response = editor_client.post(change, typed)
    assert response.status_code == 404
    assert "Nothing was saved" in response.text
    assert ">Verdict expected today</textarea>" in response.text and ">Court at 10, photographer booked.</textarea>" in response.text
    assert not Assignment.objects.exists()


def test_a_journalists_save_for_a_deleted_assignment_is_still_refused(journalist_client, journalist):
    assignment = AssignmentFactory(assignees=[journalist])
    change = reverse("admin:planning_assignment_change", args=[assignment.pk])
    assignment.delete()
    assert journalist_client.post(change, {"notes": "Court at 10."}).status_code == 403


def test_an_unchanged_assignment_saves_as_before(editor_client):
    assignment = AssignmentFactory(notes="")
    change = reverse("admin:planning_assignment_change", args=[assignment.pk])
    response = editor_client.post(change, form_values(editor_client.get(change).content.decode(), notes="Court at 10."))
    assignment.refresh_from_db()
    assert response.status_code == 302 and assignment.notes == "Court at 10."


def test_the_people_on_an_assignment_are_named_as_bylines_are_also_when_the_form_comes_back(editor_client):
    """Noticed in a review: refused, the form showed the assignees and editor by their login ("kim")."""
    kim = UserFactory(username="kim", first_name="Kim", last_name="Lee", role="Journalist")
    assignment = AssignmentFactory(editor=kim)
    assignment.assignees.set([kim])
    change = reverse("admin:planning_assignment_change", args=[assignment.pk])
    page = editor_client.get(change).content.decode()
    refused = editor_client.post(change, form_values(page, due_at="not a time")).content.decode()
    for shown in (page, refused):
        options = [shown.split(f'name="{name}"', 1)[1].split("</select>", 1)[0] for name in ("assignees", "editor")]
        assert all(f'value="{kim.pk}" selected>Kim Lee</option>' in option for option in options), options
