"""A tag deleted in the tags' list is not put back by a story form opened before the deletion. An editor has a live
story tagged "Harbours, Economy" open; a colleague deletes "Harbours" in the tags' list (a tag the desk retired); the
editor fixes a typo in the standfirst and saves without touching the tags. The story carried "Harbours" again, a new
tag row under the retired name (found by a reviewer): the deletion now moves the story's version, as a merge does,
so the stale form is merged against it."""
import pytest
import reversion
from taggit.models import Tag

from tests.desk.helpers import change_url, edit_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_story_form_opened_before_a_tag_is_deleted_does_not_put_the_tag_back(editor_client):
    with reversion.create_revision():  # as the desk saves a story: the revision a stale form is merged against
        story = ArticleFactory(published=True, tags=["Harbours", "Economy"])
    opened = edit_form(story, tags="Harbours, Economy")  # the form as rendered before the deletion
    assert opened["initial-tags"] == "Harbours, Economy"

    Tag.objects.filter(name="Harbours").delete()  # as "Delete selected tags" in the tags' list does

    response = editor_client.post(change_url(story), {**opened, "standfirst": "Dock workers stay out; talks stall."})

    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert list(story.tags.names()) == ["Economy"], "the deleted tag was put back by a form opened before its deletion"
    assert not Tag.objects.filter(name="Harbours").exists()
