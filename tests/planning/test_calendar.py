"""A desk's iCal feed: a signed, revocable address, made and revoked by planners, never cached or public."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Section
from planning.ical import escape, fold
from planning.models import Assignment, CalendarFeed
from planning.services import calendar_feed_create, calendar_feed_revoke
from tests.factories import ArticleFactory, AssignmentFactory, DomainFactory, SectionFactory, UserFactory
from tests.helpers import form_values

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def desks(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    politics, sport = SectionFactory(name="Politics", slug="politics"), SectionFactory(name="Sport", slug="sport")
    AssignmentFactory(slug="vote-count", working_headline="Counting goes on; results, maybe, tonight", desk=politics,
                      due_at=NOW + timedelta(hours=2), publish_from=NOW + timedelta(hours=4))
    AssignmentFactory(slug="derby-preview", desk=sport)
    return {"politics": politics, "sport": sport, "editor": UserFactory(role="Editor")}


def test_a_feed_lists_its_desks_assignments_as_events(desks, client):
    feed = calendar_feed_create(desk=desks["politics"], by=desks["editor"])
    response = client.get(feed.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:[vote-count] Counting goes on\\; results\\, maybe\\, tonight" in text
    assert "DTSTART:20261124T160000Z" in text  # the planned publication, not the due time
    assert "derby-preview" not in text


def test_a_desks_feed_includes_its_subsections_assignments(desks, client):
    """News > Politics: the News desk's calendar holds the Politics lines too, as the board filtered by News does."""
    news = SectionFactory(name="News", slug="news")
    desks["politics"].parent = news
    desks["politics"].save()
    AssignmentFactory(slug="flood-update", desk=news)
    text = client.get(calendar_feed_create(desk=news, by=desks["editor"]).get_absolute_url()).content.decode()
    assert text.count("BEGIN:VEVENT") == 2 and "[flood-update]" in text and "[vote-count]" in text
    assert "derby-preview" not in text
    politics = client.get(calendar_feed_create(desk=desks["politics"], by=desks["editor"]).get_absolute_url()).content.decode()
    assert "[vote-count]" in politics and "flood-update" not in politics


@pytest.mark.parametrize(("plan", "start", "end"), [
    ({"publish_from": NOW + timedelta(hours=4), "publish_until": NOW + timedelta(hours=4)},  # out at 16:00
     "20261124T160000Z", "20261124T163000Z"),
    ({"publish_until": NOW + timedelta(hours=4)},  # out by 16:00, due at 18:00: the event starts at the due time
     "20261124T180000Z", "20261124T183000Z"),
])
def test_an_event_lasts_half_an_hour_when_its_window_ends_no_later_than_it_starts(desks, client, plan, start, end):
    AssignmentFactory(desk=desks["sport"], due_at=NOW + timedelta(hours=6), **plan)
    text = client.get(calendar_feed_create(desk=desks["sport"], by=desks["editor"]).get_absolute_url()).content.decode()
    assert f"DTSTART:{start}\r\nDTEND:{end}\r\n" in text


def test_a_feed_is_private_and_never_cached(desks, client):
    response = client.get(calendar_feed_create(desk=desks["politics"], by=desks["editor"]).get_absolute_url())
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(response.wsgi_request.path).headers.get("X-Page-Cache") != "hit"


@pytest.mark.parametrize("address", ["altered", "forged", "revoked"])
def test_a_revoked_altered_or_forged_address_is_a_private_404(desks, client, address):
    """The 404 is kept from caches, search engines and Referer headers as the calendar itself is."""
    feed = calendar_feed_create(desk=desks["politics"], by=desks["editor"])
    key, signature = feed.token.split(":")
    token = {"altered": f"{key[:-1]}{'A' if key[-1] != 'A' else 'B'}:{signature}", "forged": key, "revoked": feed.token}
    calendar_feed_revoke(feed=feed, by=desks["editor"])
    response = client.get(reverse("planning:calendar", kwargs={"token": token[address]}))
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow" and response["Referrer-Policy"] == "no-referrer"


def test_editors_make_and_revoke_feeds_on_the_desk(desks, client):
    client.force_login(desks["editor"])
    response = client.post(reverse("admin:planning_calendarfeed_add"), {"desk": desks["politics"].pk})
    assert response.status_code == 302
    feed = CalendarFeed.objects.get()
    assert feed.created_by == desks["editor"]
    listing = client.get(reverse("admin:planning_calendarfeed_changelist"))
    assert feed.token in listing.text
    client.post(reverse("admin:planning_calendarfeed_changelist"),
                {"action": "revoke", "_selected_action": [feed.pk]})
    feed.refresh_from_db()
    assert (feed.revoked_at, feed.revoked_by) == (NOW, desks["editor"])  # the record says who cut it
    listing = client.get(reverse("admin:planning_calendarfeed_changelist")).text
    assert f'<td class="field-revoked_by nowrap">{desks["editor"].username}</td>' in listing


@pytest.mark.parametrize("secure", [False, True])
@pytest.mark.parametrize(("domains", "host"), [
    (True, "newsroom.example"),  # the primary, whichever host the desk is on
    (False, "testserver"),  # no Domain row yet: the desk's own host stands in
])
def test_the_desk_shows_a_feeds_absolute_address_on_the_scheme_it_is_served_on(desks, client, secure, domains, host):
    """A calendar app subscribes only to an absolute address; an https one on an http-only site would not load."""
    if domains:
        DomainFactory(hostname="newsroom.example", is_primary=True)
        DomainFactory(hostname="mirror1.newsroom.example")
    feed = calendar_feed_create(desk=desks["politics"], by=desks["editor"])
    client.force_login(desks["editor"])
    listing = client.get(reverse("admin:planning_calendarfeed_changelist"), secure=secure,
                         headers={"host": "mirror1.newsroom.example" if domains else "testserver"})
    scheme = "https" if secure else "http"
    assert re.findall(r'<input type="text" readonly size="60" value="([^"]*)"', listing.text) == [
        f"{scheme}://{host}{feed.get_absolute_url()}"]


def test_journalists_cannot_make_or_see_feeds(desks, client):
    client.force_login(UserFactory(role="Journalist"))
    assert client.post(reverse("admin:planning_calendarfeed_add"), {"desk": desks["politics"].pk}).status_code == 403
    assert client.get(reverse("admin:planning_calendarfeed_changelist")).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_a_site_admin_deletes_a_desk_that_had_calendar_feeds(desks, client):
    """The desk's feeds go with it; Django's deletion asks the feed admin about them."""
    admin = UserFactory(username="root", is_superuser=True)
    desk = SectionFactory(slug="closing")
    calendar_feed_revoke(feed=calendar_feed_create(desk=desk, by=admin), by=admin)
    calendar_feed_create(desk=desk, by=admin)
    client.force_login(admin)
    url = reverse("admin:articles_section_delete", args=[desk.pk])
    assert "Are you sure" in client.get(url).text
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Section.objects.filter(pk=desk.pk).exists() and not CalendarFeed.objects.filter(desk_id=desk.pk).exists()


@pytest.mark.parametrize("role", ["Editor", "superuser"])
def test_the_feed_admin_offers_no_way_to_delete_a_feed(desks, client, role):
    """A feed is revoked, never deleted: the record says who made which address."""
    user = UserFactory(is_superuser=True) if role == "superuser" else desks["editor"]
    feed = calendar_feed_create(desk=desks["politics"], by=desks["editor"])
    client.force_login(user)
    assert "delete_selected" not in client.get(reverse("admin:planning_calendarfeed_changelist")).text
    delete = reverse("admin:planning_calendarfeed_delete", args=[feed.pk])
    assert delete not in client.get(reverse("admin:planning_calendarfeed_change", args=[feed.pk])).text
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert CalendarFeed.objects.filter(pk=feed.pk).exists()


def test_control_characters_pasted_into_an_assignment_never_reach_its_calendar(desks, client):
    """Word's manual line break (U+000B) is saved as a space, so the feed carries none (RFC 5545 forbids them)."""
    client.force_login(desks["editor"])
    add = reverse("admin:planning_assignment_add")
    data = form_values(client.get(add).text, slug="vote-count-2", desk=desks["sport"].pk, art="none",
                       working_headline="Vote\x0bcount", notes="Call\x0cthe court", due_at="2026-11-24T18:00:00")
    assert client.post(add, data).status_code == 302
    assignment = Assignment.objects.get(slug="vote-count-2")
    assert (assignment.working_headline, assignment.notes) == ("Vote count", "Call the court")
    text = client.get(calendar_feed_create(desk=desks["sport"], by=desks["editor"]).get_absolute_url()).text
    assert "SUMMARY:[vote-count-2] Vote count\r\n" in text


def test_ical_text_is_escaped_and_folded_at_75_octets():
    assert escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    assert escape("Vote\x0bcount") == "Vote count"  # stored before control characters were kept out
    line = "SUMMARY:" + "é" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_a_line_whose_story_is_scheduled_says_so_until_it_goes_out_and_is_revised_then(desks, client, time_machine):
    """The calendar says what the board says: "Scheduled for …" until the story goes out, then "Published", with
    that second as the event's last revision (DTSTAMP), so calendar apps take the new text."""
    line = Assignment.objects.get(slug="vote-count")
    line.story = ArticleFactory(status="published", publish_at=NOW + timedelta(hours=3))
    line.status = Assignment.Status.PUBLISHED
    line.save()
    feed = calendar_feed_create(desk=desks["politics"], by=desks["editor"])
    before = client.get(feed.get_absolute_url()).content.decode()
    assert "DESCRIPTION:Scheduled for Tue 24 Nov 15:00 UTC · due" in before
    assert "DTSTAMP:20261124T120000Z" in before
    time_machine.move_to(NOW + timedelta(hours=3), tick=False)
    after = client.get(feed.get_absolute_url()).content.decode()
    assert "DESCRIPTION:Published · due" in after and "DTSTAMP:20261124T150000Z" in after
