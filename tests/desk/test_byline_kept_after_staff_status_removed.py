"""A reporter who left keeps the bylines of the stories they wrote. A site admin takes their desk access away by
unticking "Staff status"; an editor then fixes a published story of theirs. The story form showed an empty byline
box (the picker offers staff only, and rendered only staff among the chosen), so the editor's save took the
reporter's name off the story on every page, feed and the API, and put the editor's own in its place."""
import pytest
import reversion

from tests.desk.helpers import change_url
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def test_a_story_saved_after_its_reporter_lost_desk_access_keeps_their_byline(editor_client, client):
    ana = UserFactory(username="ana", first_name="Ana", last_name="Popescu", role="Journalist")
    with reversion.create_revision():  # as the desk saves a story
        story = ArticleFactory(published=True, authors=[ana])
    ana.is_staff = False  # she left the newsroom: no more desk login
    ana.save()

    page = editor_client.get(change_url(story)).content.decode()
    assert f'<option value="{ana.pk}" selected>Ana Popescu</option>' in page, "the form hides the story's byline"
    response = editor_client.post(change_url(story), form_values(page, standfirst="Dock workers stay out."))

    assert response.status_code == 302, "the editor's fix was refused"
    story.refresh_from_db()
    assert story.standfirst == "Dock workers stay out."
    assert list(story.authors.values_list("username", flat=True)) == ["ana"], "the save took her byline off"
    assert "Ana Popescu" in client.get(story.get_absolute_url()).content.decode()


def test_a_reader_account_never_becomes_a_new_byline(editor_client):
    """Bylines already on the story are kept; a non-staff account is still refused as a new one."""
    reader = UserFactory(username="reader", is_staff=False)
    with reversion.create_revision():
        story = ArticleFactory(published=True)
    page = editor_client.get(change_url(story)).content.decode()
    values = form_values(page)
    response = editor_client.post(change_url(story), {**values, "authors": [*values["authors"], str(reader.pk)]})
    assert response.status_code == 200
    assert not story.authors.filter(pk=reader.pk).exists()
