"""A preview link shows nothing once its story is withdrawn (found in a review: it showed it for up to 48 hours)."""
import pytest
from desk.services import article_withdraw, preview_link_create
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
