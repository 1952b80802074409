"""Preview links after the fact: a withdrawn story leaves them, and the history names who revoked one (found in a
review: a link showed a withdrawn story for up to 48 hours, and its revocation read "—")."""
import pytest
from django.urls import reverse

from desk.history import story_history
from desk.services import article_withdraw, preview_link_create
from people.names import person_name
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_preview_link_stops_showing_a_story_once_it_is_withdrawn(client, editor):
    """A story withdrawn (for a legal check, say) must leave every surface at once. A preview link sent to a
    source or lawyer while it was a draft keeps showing its full text after the withdrawal: the withdrawn
    story is still readable by whoever holds (or was forwarded) the link, for up to 48 hours."""
    story = ArticleFactory(published=True, headline="Minister took bribes", body="<p>Defamatory claim.</p>")
    link = preview_link_create(article=story, by=editor)
    assert client.get(link.get_absolute_url()).status_code == 200
    story.refresh_from_db()
    article_withdraw(article=story, by=editor, note="Legal asked us to take it down")

    response = client.get(link.get_absolute_url())

    assert response.status_code == 404
    assert "Defamatory claim." not in response.content.decode()


def test_the_storys_history_names_who_revoked_a_preview_link(editor_client, editor):
    """*History* is the story's record of who did what: after a leak, the desk can say who cut the lawyer's link."""
    story = ArticleFactory(headline="Minister to resign")
    link = preview_link_create(article=story, by=editor)
    editor_client.post(reverse("admin:articles_article_preview_link_revoke", args=[story.pk, link.pk]))

    revoked = [event for event in story_history(story) if event["what"] == "Preview link revoked"]

    assert revoked and revoked[0]["who"] == person_name(editor)
