"""Times and text typed on the desk are moved, refused or given back, never dropped or acted on unseen (found in a
review)."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

from .helpers import change_url, edit_form, local_input

pytestmark = pytest.mark.django_db


def test_an_expiry_typed_in_the_past_on_a_live_story_is_a_form_error(editor_client):
    """A typo in the expiry box (a day earlier than meant) on a live story is saved with a plain "Save": the
    story vanishes from every page, feed and the API at once, with no confirmation, no "Withdrawn" in its
    record and no message. Alerts refuse an expiry already past; the story form should too (or at least not
    take a live story down silently)."""
    story = ArticleFactory(published=True)  # live for an hour
    typo = timezone.now() - timedelta(minutes=10)

    response = editor_client.post(change_url(story), edit_form(story, unpublish_at=local_input(typo)))

    story.refresh_from_db()
    assert response.status_code == 200 and story.is_published and story.unpublish_at is None
    assert "This expiry has passed: saved, it would take the story off the site at once." in response.content.decode()


def test_a_board_button_for_a_story_deleted_meanwhile_gives_back_the_note_typed(editor_client):
    """On the schedule board an editor types a reschedule time and a note ("Embargo moved by the ministry")
    while a colleague deletes the story. The post answers with a bare 404 that drops both. Everywhere else
    on the desk, anything deleted while it was written in answers with the page holding the text typed
    (README, "Nothing typed is lost"; security/refusals.py gone_with_text)."""
    story = ArticleFactory(status=Article.Status.REVIEW)
    url = reverse("admin:articles_article_transition", args=[story.pk, "schedule"])
    story.delete()

    response = editor_client.post(url, {
        "version": 1, "at": local_input(timezone.now() + timedelta(hours=2)), "note": "Embargo moved by the ministry",
    })

    assert "Embargo moved by the ministry" in response.content.decode()


def test_a_new_time_typed_in_a_scheduled_storys_panel_and_saved_is_not_silently_dropped(editor_client):
    """Legal asks to hold a story scheduled for 14:00 until 18:00. The editor types 18:00 in the panel's
    publication-time box and saves the form (the Save button, or Enter in a text box, which presses the hidden
    "Save and continue editing"). The save succeeds with "changed successfully", the typed time is thrown away
    (desk/services.py article_save ignores `at` without the Schedule button), and the story still goes out at
    14:00. A time typed in the box must move the story or be refused with a form error, never dropped."""
    now = timezone.now().replace(microsecond=0)
    story = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=now + timedelta(hours=2))
    held_until = now + timedelta(hours=6)

    response = editor_client.post(change_url(story), edit_form(story, desk_at=local_input(held_until)))

    story.refresh_from_db()
    assert response.status_code == 200 and story.publish_at == now + timedelta(hours=2)  # refused, nothing moved
    page = response.content.decode()
    assert "This time is not saved by “Save”: press “Schedule” to publish the story at it (it is scheduled for" in page
