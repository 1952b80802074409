"""The board's rules: late (past due and not filed) and no art (a photo needed, none on the story)."""
from datetime import UTC, datetime, timedelta

import pytest

from planning.models import Assignment
from tests.factories import ArticleFactory, ArticlePhotoFactory, AssignmentFactory, PhotoFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
Status = Assignment.Status


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "due", "late"), [
    (Status.PITCHED, NOW - timedelta(seconds=1), True),
    (Status.ASSIGNED, NOW - timedelta(seconds=1), True),
    (Status.ASSIGNED, NOW - timedelta(microseconds=1), True),  # the first instant after its due time
    (Status.ASSIGNED, NOW, False),  # due this very instant: not past due yet
    (Status.ASSIGNED, NOW + timedelta(seconds=1), False),
    (Status.FILED, NOW - timedelta(hours=3), False),
    (Status.READY, NOW - timedelta(hours=3), False),
    (Status.PUBLISHED, NOW - timedelta(hours=3), False),
    (Status.SPIKED, NOW - timedelta(hours=3), False),
])
def test_an_assignment_is_late_when_past_due_and_not_filed(time_machine, status, due, late):
    """The queryset and the instance agree on every case."""
    time_machine.move_to(NOW, tick=False)
    assignment = AssignmentFactory(status=status, due_at=due)
    assert (assignment in Assignment.objects.late()) is late
    assert assignment.is_late is late


def story(kind):
    if kind == "none":
        return None
    if kind == "bare":
        return ArticleFactory()
    if kind == "lead":
        return ArticleFactory(lead_photo=PhotoFactory())
    article = ArticleFactory()
    ArticlePhotoFactory(article=article)
    return article


@pytest.mark.django_db
@pytest.mark.parametrize(("art", "kind", "lacks"), [
    (Assignment.Art.PHOTO, "none", True),  # no story yet: the art is still to find
    (Assignment.Art.PHOTO, "bare", True),
    (Assignment.Art.PHOTO, "lead", False),
    (Assignment.Art.PHOTO, "body", False),
    (Assignment.Art.NONE, "none", False),
    (Assignment.Art.NONE, "bare", False),
])
def test_an_assignment_has_no_art_when_it_needs_a_photo_and_its_story_has_none(art, kind, lacks):
    assignment = AssignmentFactory(art=art, story=story(kind))
    assert (assignment in Assignment.objects.without_art()) is lacks
    assert assignment.lacks_art is lacks
