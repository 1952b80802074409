"""The calendar's "Scheduled for …"/"Off the site" and its DTSTAMP ("when it was last revised"): the
event's text follows its story's times, so DTSTAMP must move whenever that text does, never back."""
from datetime import UTC, datetime, timedelta

import pytest

from desk.services import article_publish, article_save
from planning.models import Assignment
from planning.services import calendar_feed_create
from tests.factories import ArticleFactory, AssignmentFactory, SectionFactory, UserFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def line(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    politics = SectionFactory(name="Politics", slug="politics")
    return AssignmentFactory(slug="vote-count", desk=politics, due_at=NOW + timedelta(hours=2),
                             art=Assignment.Art.NONE)


@pytest.fixture
def editor(db):
    return UserFactory(role="Editor")


def event(client, feed) -> tuple[str, str]:
    """(DESCRIPTION, DTSTAMP) of the feed's one event."""
    text = client.get(feed.get_absolute_url()).content.decode().replace("\r\n ", "")
    fields = dict(line.split(":", 1) for line in text.split("\r\n") if line.startswith(("DESCRIPTION:", "DTSTAMP:")))
    return fields["DESCRIPTION"], fields["DTSTAMP"]


def link(line, story):
    line.story, line.status = story, Assignment.Status.PUBLISHED
    line.save()


def test_the_event_is_revised_at_the_second_its_story_expires(line, editor, client, time_machine):
    """Passes: dropping `story.unpublish_at` from planning/ical.py revised() fails it (the text turned to "Off the
    site" with DTSTAMP left at the publication)."""
    link(line, ArticleFactory(status="published", publish_at=NOW - timedelta(hours=1), unpublish_at=NOW + timedelta(hours=6)))
    feed = calendar_feed_create(desk=line.desk, by=editor)
    assert event(client, feed)[0].startswith("Published ·")
    time_machine.move_to(NOW + timedelta(hours=6), tick=False)
    description, stamp = event(client, feed)
    assert description.startswith("Off the site ·") and stamp == "20261124T180000Z"


def test_a_story_rescheduled_moves_the_events_dtstamp_with_its_new_time(line, editor, client, time_machine):
    """The story, scheduled for 15:00, is rescheduled at 12:30 for 17:00: the event's text says 17:00, but its DTSTAMP
    stayed at the line's last save (12:00), as if nothing was revised: a calendar app holding the 15:00 text keeps it
    (the line's status is *published* both times, so assignment_follow_story does not touch the line)."""
    story = ArticleFactory(status="draft", publish_at=None)
    link(line, story)
    article_publish(article=story, by=editor, at=NOW + timedelta(hours=3))
    feed = calendar_feed_create(desk=line.desk, by=editor)
    assert event(client, feed)[0].startswith("Scheduled for Tue 24 Nov 15:00")
    time_machine.move_to(NOW + timedelta(minutes=30), tick=False)
    story.refresh_from_db()
    article_publish(article=story, by=editor, at=NOW + timedelta(hours=5))
    description, stamp = event(client, feed)
    assert description.startswith("Scheduled for Tue 24 Nov 17:00")
    assert stamp == "20261124T123000Z", "the text changed, its DTSTAMP did not"


def test_an_expired_story_put_back_does_not_take_the_events_dtstamp_back(line, editor, client, time_machine):
    """Expired at 18:00 the event said "Off the site", revised 18:00; its expiry cleared at 19:00 it says "Published"
    again, and its DTSTAMP went back to the publication (11:00): older than the revision a calendar app holds."""
    story = ArticleFactory(status="published", publish_at=NOW - timedelta(hours=1), unpublish_at=NOW + timedelta(hours=6))
    link(line, story)
    feed = calendar_feed_create(desk=line.desk, by=editor)
    time_machine.move_to(NOW + timedelta(hours=6), tick=False)
    assert event(client, feed)[1] == "20261124T180000Z"
    time_machine.move_to(NOW + timedelta(hours=7), tick=False)
    story.refresh_from_db()
    story.unpublish_at = None
    article_save(article=story, by=editor)
    description, stamp = event(client, feed)
    assert description.startswith("Published ·")
    assert stamp >= "20261124T190000Z", f"DTSTAMP went back to {stamp}"
