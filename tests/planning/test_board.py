"""The planning board on the desk: by day and desk, late and no-art flags, filters, the print view, who sees it."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from planning.models import Assignment
from tests.factories import ArticleFactory, AssignmentFactory, PhotoFactory, SectionFactory, UserFactory
from tests.planning.helpers import board_url, print_url

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def budget(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    politics, sport = SectionFactory(name="Politics", slug="politics"), SectionFactory(name="Sport", slug="sport")
    writer = UserFactory(username="kim", role="Journalist")
    return {
        "late": AssignmentFactory(slug="vote-count", desk=politics, due_at=NOW - timedelta(hours=1), assignees=[writer],
                                  art=Assignment.Art.NONE),
        "no_art": AssignmentFactory(slug="derby-preview", desk=sport, due_at=NOW + timedelta(hours=3),
                                    story=ArticleFactory()),
        "fine": AssignmentFactory(slug="cabinet-profile", desk=politics, due_at=NOW + timedelta(hours=5),
                                  story=ArticleFactory(lead_photo=PhotoFactory())),
        "tomorrow": AssignmentFactory(slug="budget-day", desk=politics, due_at=NOW + timedelta(days=1),
                                      art=Assignment.Art.NONE),
        "spiked": AssignmentFactory(slug="dead-idea", desk=politics, due_at=NOW, status=Assignment.Status.SPIKED),
        "writer": writer,
    }


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(role="Editor"))
    return client


def rows(response):
    return {a.slug: a for day in response.context["board"]["days"] for desk in day["desks"] for a in desk["assignments"]}


def test_board_shows_todays_plan_by_desk_with_late_and_no_art_flags(budget, editor_client):
    response = editor_client.get(board_url())
    assert response.status_code == 200
    shown = rows(response)
    assert set(shown) == {"vote-count", "derby-preview", "cabinet-profile"}  # not tomorrow's, not the spiked one
    assert (shown["vote-count"].late, shown["vote-count"].no_art) == (True, False)
    assert (shown["derby-preview"].late, shown["derby-preview"].no_art) == (False, True)
    assert (shown["cabinet-profile"].late, shown["cabinet-profile"].no_art) == (False, False)
    desks = [group["desk"].name for group in response.context["board"]["days"][0]["desks"]]
    assert desks == ["Politics", "Sport"]
    assert "Late" in response.text and "No art" in response.text


def test_board_groups_several_days(budget, editor_client):
    response = editor_client.get(board_url(day="2026-11-24", days=2))
    assert [day["day"].isoformat() for day in response.context["board"]["days"]] == ["2026-11-24", "2026-11-25"]


@pytest.mark.parametrize(("query", "expected"), [
    ({"only": "late"}, {"vote-count"}),
    ({"only": "no-art"}, {"derby-preview"}),
    ({"desk": "sport"}, {"derby-preview"}),
    ({"status": "spiked"}, {"dead-idea"}),
    ({"assignee": "kim"}, {"vote-count"}),
])
def test_board_filters(budget, editor_client, query, expected):
    if "desk" in query:
        query = {"desk": SectionFactory(slug=query["desk"]).pk}
    if "assignee" in query:
        query = {"assignee": budget["writer"].pk}
    assert set(rows(editor_client.get(board_url(**query)))) == expected


def test_filtering_by_a_desk_includes_its_subsections(db, time_machine, editor_client):
    """News > Politics: the News desk's board holds the Politics lines too, as News's pages and feeds hold its
    subsections' stories; the lines stay grouped under their own desk. Filtered by News, Politics was left out."""
    time_machine.move_to(NOW, tick=False)
    news = SectionFactory(name="News", slug="news")
    politics = SectionFactory(name="Politics", slug="politics", parent=news)
    AssignmentFactory(slug="flood-update", desk=news, due_at=NOW + timedelta(hours=1))
    AssignmentFactory(slug="vote-count", desk=politics, due_at=NOW + timedelta(hours=2))
    AssignmentFactory(slug="derby-preview", desk=SectionFactory(name="Sport", slug="sport"), due_at=NOW)
    response = editor_client.get(board_url(desk=news.pk))
    assert set(rows(response)) == {"flood-update", "vote-count"}
    assert [group["desk"].name for group in response.context["board"]["days"][0]["desks"]] == ["News", "Politics"]
    assert set(rows(editor_client.get(board_url(desk=politics.pk)))) == {"vote-count"}


def test_board_days_follow_the_newsrooms_time_zone(budget, editor_client, settings):
    """Auckland is 13 hours ahead: the lines due from 11:00 UTC on the 24th are on its 25th, not its 24th."""
    settings.TIME_ZONE = "Pacific/Auckland"
    assert set(rows(editor_client.get(board_url(day="2026-11-25")))) == {"vote-count", "derby-preview", "cabinet-profile"}
    assert set(rows(editor_client.get(board_url(day="2026-11-24")))) == set()


def test_bad_filters_get_a_form_error_and_the_default_board(budget, editor_client):
    response = editor_client.get(board_url(days=400))
    assert response.context["board"]["form"].errors["days"]
    assert "vote-count" in rows(response)


@pytest.mark.parametrize("url", [board_url(day="9999-12-31"), print_url(day="9999-12-25", days=7)])
def test_a_day_too_near_the_end_of_the_calendar_gets_a_form_error_and_the_default_board(budget, editor_client, url):
    response = editor_client.get(url)
    assert response.status_code == 200
    assert response.context["board"]["form"].errors["day"]
    assert "vote-count" in [a.slug for group in response.context["board"]["by_desk"] for a in group["assignments"]]


@pytest.mark.parametrize("url", [board_url(day="0001-01-01"), print_url(day="1899-12-31"), board_url(day="2999-12-31", days=2)])
def test_a_day_outside_the_desks_calendar_gets_a_form_error_and_the_default_board(budget, editor_client, settings, url):
    """East of UTC, midnight on the first day of Python's calendar is before it begins: that was a 500."""
    settings.TIME_ZONE = "Asia/Tokyo"
    response = editor_client.get(url)
    assert response.status_code == 200
    assert response.context["board"]["form"].errors["day"] == ["Choose days from 1900 to 2999: the desk plans no other."]
    assert "vote-count" in [a.slug for group in response.context["board"]["by_desk"] for a in group["assignments"]]


H = timedelta(hours=1)


@pytest.mark.parametrize(("window", "shown"), [
    ({"publish_from": NOW + 4 * H, "publish_until": NOW + 6 * H}, "Tue 24 Nov 17:00 CET–19:00 CET"),
    ({"publish_from": NOW + 4 * H, "publish_until": NOW + 22 * H}, "Tue 24 Nov 17:00 CET–Wed 25 Nov 11:00 CET"),
    ({"publish_from": NOW + 4 * H}, "Tue 24 Nov 17:00 CET"),
    ({"publish_until": NOW + 4 * H}, "by 17:00 CET"),  # due at 14:00 in Paris, out by 17:00
    ({"publish_until": NOW + 22 * H}, "by Wed 25 Nov 11:00 CET"),
    ({}, "—"),
])
def test_board_and_print_view_say_the_planned_window(db, time_machine, editor_client, settings, window, shown):
    """A window with only an end says "by" it, with its day when that is not the day the line is due; every time
    with its zone, as the desk says times (the hour a clock change repeats reads twice alike without it)."""
    time_machine.move_to(NOW, tick=False)
    settings.TIME_ZONE = "Europe/Paris"  # the newsroom's times: UTC+1 in November
    AssignmentFactory(slug="harbour-deal", due_at=NOW + H, **window)
    for url in [board_url(), print_url()]:
        text = editor_client.get(url).text
        row = text[text.index("harbour-deal"):]
        assert f"<td>{shown}</td>" in row[:row.index("</tr>")], url


def test_print_view_puts_each_desk_on_its_own_page(budget, editor_client):
    response = editor_client.get(print_url())
    assert response.status_code == 200
    assert response.text.count('class="desk-page"') == 2
    assert "planning/board.css" in response.text
    css = open("planning/static/planning/board.css").read()
    assert "@media print" in css and "break-after: page" in css


def test_print_view_gives_each_desk_one_page_when_two_desks_share_a_name(db, time_machine, editor_client):
    time_machine.move_to(NOW, tick=False)
    uk, us = SectionFactory(name="Politics", slug="uk-politics"), SectionFactory(name="Politics", slug="us-politics")
    AssignmentFactory(slug="uk-vote", desk=uk, due_at=NOW + timedelta(hours=1))
    AssignmentFactory(slug="us-senate", desk=us, due_at=NOW + timedelta(hours=2))
    AssignmentFactory(slug="uk-budget", desk=uk, due_at=NOW + timedelta(hours=3))
    groups = editor_client.get(print_url()).context["board"]["by_desk"]
    assert [(group["desk"].slug, [a.slug for a in group["assignments"]]) for group in groups] == [
        ("uk-politics", ["uk-vote", "uk-budget"]), ("us-politics", ["us-senate"]),
    ]


@pytest.mark.parametrize("role", ["Journalist", None])
def test_only_planners_open_the_board(budget, client, role):
    client.force_login(UserFactory(role=role) if role else UserFactory(is_staff=True))
    assert client.get(board_url()).status_code == 403
    assert client.get(print_url()).status_code == 403


def test_anonymous_readers_are_sent_to_the_login(budget, client):
    response = client.get(board_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_board_query_count_does_not_grow_with_assignments(budget, editor_client, django_assert_max_num_queries):
    AssignmentFactory.create_batch(10, desk=budget["late"].desk, due_at=NOW + timedelta(hours=1))
    # session, user, its permissions; late ids, no-art ids, assignments with desks, assignees; filter choices;
    # the clock's next change (kept in the cache after)
    with django_assert_max_num_queries(15):
        editor_client.get(board_url())


@pytest.mark.django_db
def test_the_assignment_list_says_due_times_as_the_desk_does(editor_client, settings):
    """"24 Nov 2026 14:00:00 CET", in the newsroom's zone, as every time on the desk; not Django's own format."""
    settings.TIME_ZONE = "Europe/Paris"
    AssignmentFactory(due_at=datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    page = editor_client.get(reverse("admin:planning_assignment_changelist")).content.decode()
    assert "24 Nov 2026 14:00:00 CET" in page


@pytest.mark.parametrize(("moment", "shown"), [
    (NOW + timedelta(hours=2) - timedelta(seconds=1), "Scheduled for Tue 24 Nov 14:00 UTC"),
    (NOW + timedelta(hours=2), "Published"),
    (NOW + timedelta(hours=6) - timedelta(seconds=1), "Published"),
    (NOW + timedelta(hours=6), "Off the site"),
])
def test_a_line_whose_story_readers_cannot_see_says_so(db, time_machine, editor_client, settings, moment, shown):
    """A line follows its story's status, so a story scheduled for 14:00 made it *published* at once: the board said
    "Published" to the editor while readers saw nothing. It says when the story goes out, to the second, and once
    the story has expired, that it is off the site."""
    settings.TIME_ZONE = "UTC"
    time_machine.move_to(NOW, tick=False)
    story = ArticleFactory(status="published", publish_at=NOW + timedelta(hours=2), unpublish_at=NOW + timedelta(hours=6))
    AssignmentFactory(slug="vote-count", due_at=NOW + timedelta(hours=1), story=story, status=Assignment.Status.PUBLISHED,
                      art=Assignment.Art.NONE)
    time_machine.move_to(moment, tick=False)
    response = editor_client.get(board_url(day="2026-11-24", status="published"))
    assert rows(response)["vote-count"].status_shown == shown
    assert f"<td>{shown}</td>" in response.text
    assert f"<td>{shown}</td>" in editor_client.get(print_url(day="2026-11-24", status="published")).text
