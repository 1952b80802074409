"""Times typed on the desk stay on the calendar the site can keep: "9999-12-31T23:59:59", typed as "never" in a
newsroom west of UTC, is the year 10000 in UTC, which PostgreSQL stores and the driver cannot read back, and the
schedule that every reader page asks for its next moment would read it."""
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from live.models import Alert, LiveEntry, ScheduledUpdate
from planning.models import Assignment
from tests.desk.helpers import change_url, edit_form
from tests.factories import ArticleFactory, AssignmentFactory, LiveCoverageFactory
from tests.helpers import form_values

FOREVER = "9999-12-31T23:59:59"
REFUSED = "Choose a time from 1900 to 2999"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def new_york(settings):
    settings.TIME_ZONE = "America/New_York"


def still_up():
    assert Client(raise_request_exception=False).get("/").status_code == 200


def test_a_live_entry_an_alert_and_a_scheduled_update(editor_client):
    story = ArticleFactory(published=True)
    coverage = LiveCoverageFactory(article=story)
    composer = reverse("admin:live_livecoverage_change", args=[coverage.pk])
    response = editor_client.post(composer, {"kind": "update", "body": "At the top of the hour.", "published_at": FOREVER})
    assert REFUSED in response.content.decode() and "At the top of the hour." in response.content.decode()
    add = reverse("admin:live_alert_add")
    response = editor_client.post(add, form_values(editor_client.get(add).content.decode(), headline="Storm warning",
                                                   article=str(story.pk), level="breaking", expires_at=FOREVER))
    assert REFUSED in response.content.decode()
    add = reverse("admin:live_scheduledupdate_add")
    form = editor_client.get(f"{add}?article={story.pk}").content.decode()
    response = editor_client.post(add, form_values(form, publish_at="9999-12-31T23:59:59", headline="New"))
    assert REFUSED in response.content.decode()
    assert not (LiveEntry.objects.exists() or Alert.objects.exists() or ScheduledUpdate.objects.exists())
    still_up()


@pytest.mark.parametrize("field", ["desk_at", "unpublish_at", "embargo_at"])
def test_a_storys_schedule_expiry_and_embargo(editor_client, field):
    story = ArticleFactory(status=Article.Status.REVIEW, headline="Kept headline")
    data = {**edit_form(story), "desk_action": "schedule" if field == "desk_at" else "", "desk_note": "",
            "desk_at": "2026-12-24T09:00:00", field: FOREVER}
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert Article.objects.get(pk=story.pk).status == Article.Status.REVIEW
    still_up()


def test_the_schedule_boards_time_and_an_assignments_due_time(editor_client):
    story = ArticleFactory(status=Article.Status.REVIEW)
    board = reverse("admin:articles_article_transition", args=[story.pk, "schedule"])
    response = editor_client.post(board, {"version": story.version, "at": FOREVER}, follow=True)
    assert REFUSED in response.content.decode() and Article.objects.get(pk=story.pk).publish_at is None
    assignment = AssignmentFactory()
    change = reverse("admin:planning_assignment_change", args=[assignment.pk])
    response = editor_client.post(change, form_values(editor_client.get(change).content.decode(), due_at=FOREVER))
    assert REFUSED in response.content.decode() and Assignment.objects.get().due_at.year < 3000


def test_a_new_alerts_default_expiry_in_the_hour_clocks_repeat_is_kept_as_shown(editor_client, time_machine):
    """New York, 1 Nov 2026, 00:30 EDT: the default expiry, two hours on, is 01:30 EST, the second 01:30 of the
    night. The desk filled it in; it must take it back, as the moment it meant, the seconds since included."""
    time_machine.move_to(datetime(2026, 11, 1, 4, 30, tzinfo=UTC), tick=False)
    story = ArticleFactory(published=True)
    add = reverse("admin:live_alert_add")
    page = editor_client.get(add).content.decode()
    time_machine.move_to(datetime(2026, 11, 1, 4, 30, 40, tzinfo=UTC), tick=False)  # read, then Save
    response = editor_client.post(add, form_values(page, headline="Storm warning", article=str(story.pk), level="breaking"))
    assert response.status_code == 302
    assert Alert.objects.get().expires_at == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize("stored", [datetime(2026, 11, 1, 5, 10, tzinfo=UTC), datetime(2026, 11, 1, 6, 10, tzinfo=UTC)],
                         ids=["first 01:10", "second 01:10"])
def test_a_stored_time_in_the_hour_clocks_repeat_saves_back_unchanged(editor_client, stored):
    """An alert ended ("End now") at either 01:10 of the night: its form shows 01:10, and saving it again (a
    typo fixed) keeps the moment it had, instead of refusing a time the desk itself showed."""
    alert = Alert.objects.create(headline="Storm warnin", article=ArticleFactory(published=True), expires_at=stored)
    change = reverse("admin:live_alert_change", args=[alert.pk])
    page = editor_client.get(change).content.decode()
    assert 'value="2026-11-01T01:10:00"' in page
    assert editor_client.post(change, form_values(page, headline="Storm warning")).status_code == 302
    alert.refresh_from_db()
    assert (alert.headline, alert.expires_at) == ("Storm warning", stored)


def test_the_repeated_hour_typed_anew_is_still_refused(editor_client):
    """Typed, not shown by the desk: which 01:30 is meant cannot be told, and guessing moves it by an hour."""
    alert = Alert.objects.create(headline="Storm warning", article=ArticleFactory(published=True),
                                 expires_at=datetime(2026, 11, 1, 3, 0, tzinfo=UTC))
    change = reverse("admin:live_alert_change", args=[alert.pk])
    page = editor_client.get(change).content.decode()
    response = editor_client.post(change, form_values(page, expires_at="2026-11-01T01:30:00"))
    assert response.status_code == 200 and "couldn’t be interpreted in time zone America/New_York" in response.content.decode()


def test_a_default_sent_back_malformed_is_refused_as_typed(editor_client, time_machine):
    """The page's copy of the default comes back from the browser: a day that does not exist is no 500."""
    time_machine.move_to(datetime(2026, 11, 1, 4, 30, tzinfo=UTC), tick=False)
    page = editor_client.get(reverse("admin:live_alert_add")).content.decode()
    values = form_values(page, headline="Storm warning", article=str(ArticleFactory(published=True).pk), level="breaking")
    values["initial-expires_at"] = "2026-02-30T01:30:00"
    time_machine.move_to(datetime(2026, 11, 1, 4, 30, 40, tzinfo=UTC), tick=False)  # the default moved on
    response = editor_client.post(reverse("admin:live_alert_add"), values)
    assert response.status_code == 200 and "couldn’t be interpreted" in response.content.decode()


@pytest.mark.parametrize("saved_at", [datetime(2026, 11, 1, 4, 40, tzinfo=UTC), datetime(2026, 11, 1, 4, 50, tzinfo=UTC)],
                         ids=["50 minutes on", "an hour on"])
def test_a_default_in_the_repeated_hour_saved_long_after_is_the_moment_the_page_showed(editor_client, time_machine, saved_at):
    """Opened at 23:50 EDT, the default expiry shows the first 01:50 (05:50 UTC). Saved 50 minutes later, the
    reading nearest the default computed then was an hour late; saved an hour later, the default computed then
    reads 01:50 too (the second one), and was taken."""
    time_machine.move_to(datetime(2026, 11, 1, 3, 50, tzinfo=UTC), tick=False)
    story = ArticleFactory(published=True)
    add = reverse("admin:live_alert_add")
    page = editor_client.get(add).content.decode()
    time_machine.move_to(saved_at, tick=False)
    response = editor_client.post(add, form_values(page, headline="Storm warning", article=str(story.pk), level="breaking"))
    assert response.status_code == 302
    assert Alert.objects.get().expires_at == datetime(2026, 11, 1, 5, 50, tzinfo=UTC)
