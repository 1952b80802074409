"""The story's history and its revision comparison name a lead photo swapped (found in a review: they left it out)."""
import pytest
import reversion
from django.urls import reverse

from articles.models import Article
from desk.history import story_history
from tests.factories import ArticleFactory, PhotoFactory

from .helpers import change_url, edit_form

pytestmark = pytest.mark.django_db


def lead_photo_swapped(editor_client):
    with reversion.create_revision():
        story = ArticleFactory(published=True, lead_photo=PhotoFactory())
    wrong_man = PhotoFactory(caption="The suspect, Jan Kowalski, outside court.")
    assert editor_client.post(change_url(story), edit_form(story, lead_photo=wrong_man.pk)).status_code == 302
    return story


def test_the_history_names_a_lead_photo_swap_among_the_fields_changed(editor_client):
    """A live story's lead photo is replaced (the wrong man pictured as the suspect: a classic libel). The
    revision keeps `lead_photo`, but *History*, which lists "the fields that really changed" of each save, says
    nothing for that save: desk/diffs.py COMPARED_FIELDS leaves the lead photo out, so the desk cannot find
    when, or by whom, the picture went up."""
    story = lead_photo_swapped(editor_client)

    newest = story_history(Article.objects.get(pk=story.pk))[0]

    assert newest["what"] == "Edited"
    assert "lead photo" in newest["fields"]


def test_comparing_two_revisions_names_a_lead_photo_swap(editor_client):
    """*Compare* two revisions that differ only by their lead photo: "Changed fields: none" and "The headline,
    standfirst and body are the same in both." An editor checking what changed before a restore is told
    nothing changed."""
    story = lead_photo_swapped(editor_client)
    newer, older = reversion.models.Version.objects.get_for_object(story)[:2]

    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[story.pk]), {"a": older.pk, "b": newer.pk},
    )

    assert "Changed fields: none" not in response.content.decode()
