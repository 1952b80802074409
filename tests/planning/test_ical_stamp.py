"""A desk's calendar feed, fetched again with nothing changed, says nothing has changed."""
from datetime import UTC, datetime, timedelta

import pytest

from desk.services import article_submit
from planning.models import Assignment
from planning.services import calendar_feed_create
from tests.factories import ArticleFactory, AssignmentFactory, SectionFactory, UserFactory

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_an_unchanged_assignment_keeps_its_dtstamp_from_one_fetch_to_the_next(client, time_machine):
    """A calendar app polls the desk's feed every hour. Nothing on the budget changed, yet every event came back
    with a new DTSTAMP (the time of the request), where RFC 5545 3.8.7.2 says that in a calendar without METHOD, as
    this one is, DTSTAMP is when the event's information was last revised: apps that honour it saw every line of
    the budget as revised on every poll. A line whose story moves it on is revised."""
    time_machine.move_to(NOW, tick=False)
    desk = SectionFactory(name="Politics", slug="politics")
    AssignmentFactory(desk=desk, slug="vote-count", due_at=NOW + timedelta(hours=2))
    feed = calendar_feed_create(desk=desk, by=UserFactory(role="Editor"))
    first = client.get(feed.get_absolute_url()).content.decode()

    time_machine.move_to(NOW + timedelta(hours=1), tick=False)
    second = client.get(feed.get_absolute_url()).content.decode()

    stamps = lambda text: [line for line in text.split("\r\n") if line.startswith("DTSTAMP:")]
    assert stamps(first) == stamps(second)

    time_machine.move_to(NOW + timedelta(hours=2), tick=False)
    line = Assignment.objects.get()
    line.story = ArticleFactory()
    line.save()
    article_submit(article=line.story, by=UserFactory(role="Editor"))  # filed: its story in review
    third = client.get(feed.get_absolute_url()).content.decode()
    assert stamps(third) == ["DTSTAMP:20261124T140000Z"] != stamps(second)
