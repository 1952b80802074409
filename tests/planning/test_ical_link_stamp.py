"""A pitched line whose story is started from it becomes *assigned*, and its calendar event's DTSTAMP moves with it:
the save named only `story` and `status`, so `updated_at` (auto_now) was not written (found by a reviewer)."""
from datetime import UTC, datetime, timedelta

import pytest

from planning.models import Assignment
from planning.services import assignment_link_story
from tests.factories import ArticleFactory, AssignmentFactory, UserFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_pitched_line_linked_to_its_story_is_revised_in_the_calendar(time_machine):
    time_machine.move_to(NOW, tick=False)
    line = AssignmentFactory(status=Assignment.Status.PITCHED, due_at=NOW + timedelta(hours=6))
    editor = UserFactory(role="Editor")

    time_machine.move_to(NOW + timedelta(hours=1), tick=False)
    assignment_link_story(assignment=line, article=ArticleFactory(), by=editor)

    line.refresh_from_db()
    assert line.status == Assignment.Status.ASSIGNED
    assert line.updated_at == NOW + timedelta(hours=1), "its status changed, its DTSTAMP did not"
