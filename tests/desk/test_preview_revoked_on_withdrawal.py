"""Found in review (desk/models.py, PreviewLink.active_for_token): a withdrawn story "leaves its preview links" only
while its status reads withdrawn. The links are not revoked at the withdrawal, only filtered by the status of the
moment, so:
- the story withdrawn for a legal check and scheduled again (withdraw, then schedule: the desk's only way back)
  is shown again, rewritten and not yet public, to whoever holds a link sent before the withdrawal;
- the desk panel of the withdrawn story still lists those links as live, with their addresses to copy."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from desk.services import article_publish, article_withdraw, preview_link_create
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_link_sent_before_the_withdrawal_does_not_come_back_when_the_story_is_scheduled_again(client, editor):
    story = ArticleFactory(published=True, headline="Minister took bribes", body="<p>Defamatory claim.</p>")
    link = preview_link_create(article=story, by=editor)  # sent to a source
    story.refresh_from_db()
    article_withdraw(article=story, by=editor, note="Legal asked us to take it down")
    assert client.get(link.get_absolute_url()).status_code == 404  # it left the link: right
    story.refresh_from_db()
    story.headline, story.body = "Minister questioned over payments", "<p>Softer, checked text.</p>"
    story.save()
    article_publish(article=story, by=editor, at=timezone.now() + timedelta(days=1))  # scheduled again, not public

    response = client.get(link.get_absolute_url())

    assert response.status_code == 404, "the link sent before the withdrawal shows the story again"
    assert "Softer, checked text." not in response.content.decode()


def test_the_desk_panel_of_a_withdrawn_story_does_not_list_its_dead_links_as_live(editor_client, editor):
    story = ArticleFactory(published=True, headline="Minister took bribes")
    link = preview_link_create(article=story, by=editor)
    story.refresh_from_db()
    article_withdraw(article=story, by=editor)
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert page.status_code == 200
    assert link.token not in page.content.decode(), "the panel offers a preview link that shows nothing"
