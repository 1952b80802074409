"""A colleague's change that is not a story save (a tag merge, a reschedule) is not undone by a page opened before it
(found in a review)."""
import pytest
import reversion
from taggit.models import Tag

from articles.tag_merge import merge_tags
from tests.factories import ArticleFactory

from .helpers import change_url, edit_form

pytestmark = pytest.mark.django_db


def test_a_story_form_opened_before_a_tag_merge_does_not_put_the_merged_away_tag_back(editor_client):
    """An editor has a live story tagged "Harbours, Economy" open. Another editor merges "Harbours" into
    "Ports" (Merge selected tags). The first editor fixes a typo in the standfirst and saves, without touching
    the tags: the story carries "Harbours" again, undoing the merge on it (the tag's page, a 404 after the merge,
    lists the story again). The merge changes the story's tags without moving its version
    (articles/tag_merge.py), so the stale form is not merged against it (desk/forms.py check_version)."""
    with reversion.create_revision():  # as the desk saves a story: the revision a stale form is merged against
        story = ArticleFactory(published=True, tags=["Harbours", "Economy"])
    opened = edit_form(story, tags="Harbours, Economy")  # the form as rendered before the merge
    assert opened["initial-tags"] == "Harbours, Economy"

    merge_tags(list(Tag.objects.filter(name="Harbours")), "Ports")

    response = editor_client.post(change_url(story), {**opened, "standfirst": "Dock workers stay out; talks stall."})

    assert response.status_code == 302  # merged with the tag merge, as with a colleague's save
    story.refresh_from_db()
    assert (list(story.tags.names()), story.standfirst) == (["Ports", "Economy"], "Dock workers stay out; talks stall.")


def test_publish_selected_now_from_a_list_loaded_before_a_colleague_held_the_story_back_is_refused(editor_client, editor):
    """Editor A's story list shows a story "Scheduled for" this afternoon. Editor B reschedules it to tomorrow
    (the minister's office asked for a delay). A, from the list loaded before, ticks it with others and presses
    "Publish selected stories now": it goes out at once, B's hold silently overruled. The board and the story
    form carry the version they showed and refuse a stale page ("Nothing is published unseen"); the list's
    actions post bare ids (desk/admin/article.py publish_now), so the later, uninformed action wins."""
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from articles.models import Article
    from desk.services import article_publish
    from tests.factories import UserFactory

    now = timezone.now().replace(microsecond=0)
    story = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=now + timedelta(hours=3))
    changelist = reverse("admin:articles_article_changelist")
    assert editor_client.get(changelist).status_code == 200  # A's list, as loaded

    tomorrow = now + timedelta(days=1)
    colleague = UserFactory(username="desk-editor-b", role="Editor")
    article_publish(article=Article.objects.get(pk=story.pk), by=colleague, at=tomorrow, note="Held at the ministry's request")

    editor_client.post(changelist, {"action": "publish_now", "_selected_action": [story.pk], "index": 0})

    story.refresh_from_db()
    assert story.publish_at == tomorrow, "published now over a colleague's reschedule made after the list was loaded"
