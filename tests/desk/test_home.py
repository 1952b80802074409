"""The desk's home: editors find the schedule board; writers read what happened to their stories."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

from .helpers import action_url

HOME_URL = reverse("admin:index")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.mark.django_db
class TestDeskHome:
    def test_editors_get_the_schedule_board_link_and_journalists_do_not(self, client, editor, journalist):
        board = reverse("admin:articles_article_schedule")
        client.force_login(editor)
        assert f'href="{board}"' in client.get(HOME_URL).content.decode()
        client.force_login(journalist)
        assert f'href="{board}"' not in client.get(HOME_URL).content.decode()

    def test_a_writer_reads_what_editors_did_to_their_stories(self, client, editor, journalist, settings, time_machine):
        """"Scheduled by Elif Demir for …" and "Sent back by … with a note", in the newsroom's zone; their own moves are not news."""
        settings.TIME_ZONE = "Europe/Paris"
        time_machine.move_to(NOW, tick=False)
        editor.first_name, editor.last_name = "Elif", "Demir"
        editor.save()
        scheduled = ArticleFactory(status=Article.Status.REVIEW, authors=[journalist], headline="Ferry strike")
        sent_back = ArticleFactory(status=Article.Status.REVIEW, authors=[journalist], headline="Port deal")
        client.force_login(editor)
        client.post(action_url(scheduled, "schedule"), {"version": 1, "at": "2026-11-24T14:00:05"})
        client.post(action_url(sent_back, "send-back"), {"version": 1, "note": "A second source, please."})
        client.force_login(journalist)
        content = client.get(HOME_URL).content.decode()
        assert "Ferry strike</a>: Scheduled by Elif Demir for 24 Nov 2026 14:00:05 CET" in content
        assert "Port deal</a>: Sent back by Elif Demir, 24 Nov 2026 11:00:00 CET, with a note: “A second source, please.”" in content

    def test_nobody_reads_news_of_stories_that_are_not_theirs(self, client, editor, journalist, other_journalist):
        article = ArticleFactory(status=Article.Status.REVIEW, authors=[other_journalist], headline="Not yours")
        client.force_login(editor)
        client.post(action_url(article, "send-back"), {"version": 1, "note": ""})
        client.force_login(journalist)
        assert "Not yours</a>" not in client.get(HOME_URL).content.decode()
