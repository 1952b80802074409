"""A line whose story is deleted is assigned again: it has nothing behind it to be filed or published."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from planning.models import Assignment
from tests.factories import ArticleFactory, AssignmentFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Assignment.Status.FILED, Assignment.Status.READY, Assignment.Status.PUBLISHED])
def test_a_line_whose_story_is_deleted_is_assigned_again_and_late_when_due(journalist, client, time_machine, status):
    """It stayed filed (or ready, or published) with no story: never late however overdue, and "Write the story"
    offered beside a status that said it was written (found by a reviewer)."""
    time_machine.move_to(NOW, tick=False)
    story = ArticleFactory(authors=[journalist])
    line = AssignmentFactory(story=story, status=status, assignees=[journalist], due_at=NOW + timedelta(hours=1))
    story.delete()
    line.refresh_from_db()
    assert (line.story_id, line.status) == (None, Assignment.Status.ASSIGNED)
    time_machine.move_to(NOW + timedelta(hours=2), tick=False)
    assert Assignment.objects.get(pk=line.pk).is_late
    client.force_login(journalist)
    assert "Write the story" in client.get(reverse("admin:index")).text


@pytest.mark.django_db
def test_a_spiked_line_stays_spiked_when_its_story_is_deleted():
    line = AssignmentFactory(story=ArticleFactory(), status=Assignment.Status.SPIKED)
    line.story.delete()
    assert Assignment.objects.get(pk=line.pk).status == Assignment.Status.SPIKED
