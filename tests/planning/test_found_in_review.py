"""Planning, as a review found it wanting: the board's times in the hour a clock change repeats, a quiet desk's
calendar feed, "Plan this story" on a story with a Turkish or Arabic slug, and two writers on one budget line."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from planning.models import Assignment
from planning.services import assignment_link_story, calendar_feed_create
from tests.desk.helpers import story_form
from tests.factories import ArticleFactory, AssignmentFactory, SectionFactory, UserFactory
from tests.helpers import form_values
from tests.planning.helpers import board_url, print_url

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
# The night Paris puts its clocks back: 00:30 UTC and 01:30 UTC are both 02:30 on the wall.
FIRST_0230, SECOND_0230 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
DUE_CELL = re.compile(r'<td><time datetime="[^"]+">([^<]*)</time></td>\s*<td>(?:<a [^>]*>)?(first-0230|second-0230)')


@pytest.fixture
def editor(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    return UserFactory(role="Editor")


@pytest.mark.parametrize("url", [board_url, print_url])
def test_the_board_tells_apart_the_two_0230s_of_the_night_the_clocks_go_back(editor, client, settings, url):
    """Two lines due an hour apart, at 02:30 CEST and 02:30 CET, read "Sun 25 Oct 02:30" twice on the board and
    its print view: every time people read names its zone, computed from the moment (`zoned`)."""
    settings.TIME_ZONE = "Europe/Paris"
    desk = SectionFactory(name="Politics", slug="politics")
    AssignmentFactory(slug="first-0230", desk=desk, due_at=FIRST_0230)
    AssignmentFactory(slug="second-0230", desk=desk, due_at=SECOND_0230)
    client.force_login(editor)
    page = client.get(url(day="2026-10-25")).content.decode()
    shown = dict((slug, text) for text, slug in DUE_CELL.findall(page))
    assert set(shown) == {"first-0230", "second-0230"}
    assert shown["first-0230"] != shown["second-0230"], shown


def test_a_desks_calendar_with_nothing_planned_is_still_a_valid_icalendar(editor, client):
    """RFC 5545 (3.6): a VCALENDAR holds at least one component. A new or quiet desk's feed had none, which strict
    calendar apps refuse, so the desk's subscription broke until something was planned."""
    desk = SectionFactory(slug="politics")
    text = client.get(calendar_feed_create(desk=desk, by=editor).get_absolute_url()).content.decode()
    body = text.split("BEGIN:VCALENDAR\r\n", 1)[1]
    assert re.search(r"^BEGIN:(VEVENT|VTODO|VJOURNAL|VFREEBUSY|VTIMEZONE|X-[A-Z-]+)\r$", body, re.M), text


@pytest.mark.parametrize("slug", ["deprem-ölü-sayısı-artıyor", "زلزال-في-إسطنبول"])
def test_plan_this_story_saves_for_a_story_whose_slug_is_not_ascii(editor, client, slug):
    """Stories keep Unicode slugs, and "Plan this story" fills the assignment's slug from the story's: an ASCII-only
    slug field refused the form on a field the editor never typed ("Enter a valid slug")."""
    story = ArticleFactory(slug=slug, headline="İstanbul’da deprem: ölü sayısı artıyor")
    client.force_login(editor)
    url = reverse("admin:planning_assignment_add") + f"?story={story.pk}"
    data = form_values(client.get(url).text, due_at="2026-11-24T18:00:00", art="none")
    response = client.post(url, data)
    errors = response.context["adminform"].form.errors if response.status_code == 200 else {}
    assert response.status_code == 302, errors
    assert Assignment.objects.get().story == story


@pytest.fixture
def line(db):
    """A budget line two journalists are on, and the story form "Write the story" opens for it."""
    kim, lou = UserFactory(username="kim", role="Journalist"), UserFactory(username="lou", role="Journalist")
    assignment = AssignmentFactory(desk=SectionFactory(slug="politics"), slug="vote-count", working_headline="Vote count",
                                   assignees=[kim, lou])
    return assignment, kim, lou, reverse("admin:articles_article_add") + f"?assignment={assignment.pk}"


def write(client, line, writer):
    assignment, *_people, add = line
    client.force_login(writer)
    assert client.get(add).context["adminform"].form.initial["headline"] == "Vote count"
    return lambda: client.post(add, story_form(assignment.desk, headline="Vote count drags on"), follow=True)


def said(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_writing_from_a_line_a_colleague_took_meanwhile_saves_the_story_and_says_so(client, line):
    """Two assignees press "Write the story" on one line; Kim saves first. Lou's story is saved too, linked to
    nothing: he used to see only "added successfully", and the desk held two stories for one line unknowingly."""
    assignment, kim, lou, _add = line
    save = write(client, line, lou)
    assignment_link_story(assignment=assignment, article=ArticleFactory(authors=[kim], section=assignment.desk), by=kim)
    response = save()
    story = Article.objects.get(headline="Vote count drags on")
    assert Assignment.objects.get().story != story
    assert "Your story is saved, on its own: it is not linked to the budget line “vote-count”, because it already has its story." in said(response)


def test_writing_from_a_line_one_was_taken_off_meanwhile_saves_the_story_and_says_so(client, line):
    assignment, _kim, lou, _add = line
    save = write(client, line, lou)
    assignment.assignees.remove(lou)
    response = save()
    assert Article.objects.filter(headline="Vote count drags on").exists() and Assignment.objects.get().story is None
    assert "Your story is saved, on its own: it is not linked to the budget line “vote-count”, because you are no longer on it." in said(response)
