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

    def test_only_planners_are_led_to_the_planning_board(self, client, editor, journalist):
        """The board is the planners' (a journalist gets 403 there): the desk home and the assignments' own
        pages link to it for them only; journalists see their assignments on the desk home."""
        from tests.factories import AssignmentFactory

        board = f'href="{reverse("admin:planning_assignment_board")}"'
        assignment = AssignmentFactory(assignees=[journalist])
        pages = [HOME_URL, reverse("admin:planning_assignment_changelist"),
                 reverse("admin:planning_assignment_change", args=[assignment.pk])]
        client.force_login(editor)
        assert all(board in client.get(page).content.decode() for page in pages)
        client.force_login(journalist)
        assert client.get(reverse("admin:planning_assignment_board")).status_code == 403
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200 and board not in response.content.decode(), page

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


@pytest.mark.django_db
class TestRefusals:
    def test_a_refusal_on_the_desk_says_what_the_role_may_do_in_the_desks_page(self, journalist_client):
        response = journalist_client.get(reverse("admin:articles_article_schedule"))
        assert response.status_code == 403
        content = response.content.decode()
        assert "Not for your role" in content and "As a journalist you may write and edit your own drafts" in content
        assert 'id="site-name"' in content  # the desk's header: the desk's own page

    def test_a_refusal_is_logged_as_one_line_without_a_traceback(self, journalist_client, caplog):
        import json

        from newsroom.logging import JSONFormatter

        journalist_client.get(reverse("admin:articles_article_schedule"))
        [record] = [record for record in caplog.records if record.name == "django.request"]
        line = JSONFormatter().format(record)
        assert "\\n" not in line and "exception" not in json.loads(line)
        assert json.loads(line)["status"] == 403
