"""An account deleted while an editor has a story it bylines open: the editor, who only fixed the standfirst, saves
it, without the byline. Before, the save was refused: the form posted the byline's id, "not one of the available
choices" (and, while the deletion moved the story's version, a colleague's save of the bylines that never happened)
(found by a reviewer)."""
import pytest
import reversion

from tests.desk.helpers import change_url, edit_form
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_story_form_opened_before_a_bylined_account_is_deleted_saves_without_a_false_conflict(editor_client):
    jo = UserFactory(username="jo", role="Journalist")
    al = UserFactory(username="al", role="Journalist")
    with reversion.create_revision():  # as the desk saves a story: the revision a stale form is merged against
        story = ArticleFactory(published=True, authors=[jo, al])
    opened = edit_form(story)  # the form as rendered before the deletion

    al.delete()  # a site admin deletes the account of a reporter who left

    response = editor_client.post(change_url(story), {**opened, "standfirst": "Dock workers stay out; talks stall."})

    page = response.content.decode() if response.status_code == 200 else ""
    assert "you both changed" not in page, "a deletion nobody saved is reported as a colleague's save of the bylines"
    assert response.status_code == 302, "the standfirst fix was refused over a byline the editor never touched"
    story.refresh_from_db()
    assert story.standfirst == "Dock workers stay out; talks stall."
    assert list(story.authors.values_list("username", flat=True)) == ["jo"]
