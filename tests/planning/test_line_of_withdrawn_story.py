"""A budget line follows its story through the desk, and back when the story is taken off the site."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from desk.services import article_publish, article_withdraw
from planning.models import Assignment
from tests.factories import ArticleFactory, AssignmentFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_line_whose_scheduled_story_is_withdrawn_before_it_went_out_is_not_published(
    editor, journalist, client, time_machine,
):
    """The desk schedules the story of a budget line for 15:00, then withdraws it at 12:30 (a legal check):
    readers never saw it. The planning board said the line was *published*, and the reporter on it lost it from
    "Your assignments" on their desk home (which leaves published lines out), though the line was still in play:
    it is *ready* again."""
    time_machine.move_to(NOW, tick=False)
    story = ArticleFactory(authors=[journalist])
    line = AssignmentFactory(story=story, assignees=[journalist], due_at=NOW + timedelta(hours=1))
    article_publish(article=story, by=editor, at=NOW + timedelta(hours=3))
    time_machine.move_to(NOW + timedelta(minutes=30), tick=False)
    story.refresh_from_db()
    article_withdraw(article=story, by=editor, note="Legal wants to read it again")

    client.force_login(journalist)
    home = client.get(reverse("admin:index")).text
    assert line.working_headline in home, "the reporter's line vanished from their desk home"
    line.refresh_from_db()
    assert line.status == Assignment.Status.READY, "a story never published, withdrawn, is on the board as published"
