"""A time (and note) typed on the schedule board and refused is named in the message, not dropped: the board
shows the story's stored time again. Found in a review: the refused time was gone without a word."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory
from tests.helpers import browser_of

from .helpers import action_url

Status = Article.Status
BOARD_URL = reverse("admin:articles_article_schedule")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture
def paris(settings, time_machine):
    settings.TIME_ZONE = "Europe/Paris"  # UTC+1 in November
    time_machine.move_to(NOW, tick=False)


def board_after(client, response) -> str:
    assert response.status_code == 302
    return client.get(response.url).content.decode()


@pytest.mark.django_db
class TestBoardRefusalsKeepTheTimeTyped:
    def test_a_time_in_the_past_is_given_back_or_named(self, editor_client, paris):
        """Reschedule to 10:59:30 (Paris, already past): refused, and the time typed is named."""
        article = ArticleFactory(status=Status.PUBLISHED, publish_at=NOW + timedelta(hours=1), headline="Ferry strike")
        board = board_after(editor_client, editor_client.post(action_url(article, "schedule"), {
            "version": article.version, "at": "2026-11-24T10:59:30", "next": BOARD_URL,
        }))
        assert "Pick a time in the future" in board
        assert "10:59:30" in board, "the refused time typed is neither in the box nor in the message"

    def test_a_time_before_the_embargo_is_given_back_or_named(self, editor_client, paris):
        """Reschedule to 13:17:45, before a 16:00 embargo: refused with the embargo named, and the time typed."""
        article = ArticleFactory(
            status=Status.PUBLISHED, publish_at=NOW + timedelta(hours=6), embargo_at=NOW + timedelta(hours=5),
            headline="Budget leak",
        )
        board = board_after(editor_client, editor_client.post(action_url(article, "schedule"), {
            "version": article.version, "at": "2026-11-24T13:17:45", "next": BOARD_URL,
        }))
        assert "Embargoed until" in board
        assert "13:17:45" in board, "the refused time typed is neither in the box nor in the message"

    def test_a_time_typed_on_a_board_older_than_a_colleagues_save_is_given_back_or_named(self, editor_client, editor, paris):
        """The board was loaded; a colleague rescheduled the story; the editor's Reschedule to 19:41:12 is refused
        ("changed by someone else meanwhile; reload it"), naming the time and the note typed."""
        article = ArticleFactory(status=Status.PUBLISHED, publish_at=NOW + timedelta(hours=1), headline="Rail merger")
        shown_version = article.version
        colleague = browser_of(editor)
        assert colleague.post(action_url(article, "schedule"), {
            "version": shown_version, "at": "2026-11-24T15:00:00", "next": BOARD_URL,
        }).status_code == 302
        board = board_after(editor_client, editor_client.post(action_url(article, "schedule"), {
            "version": shown_version, "at": "2026-11-24T19:41:12", "note": "Held for the minister's reply", "next": BOARD_URL,
        }))
        article.refresh_from_db()
        assert article.publish_at == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # the colleague's time stands
        assert "meanwhile" in board
        assert "19:41:12" in board, "the refused time typed is neither in the box nor in the message"
        assert "Held for the minister&#x27;s reply" in board
