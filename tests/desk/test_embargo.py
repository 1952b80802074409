"""The embargo: no story goes live before it, on any path, while scheduling at or after it is fine."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

from .helpers import action_url, change_url, desk_button, edit_form, local_input

Status = Article.Status
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
EMBARGO = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)  # 14:00 in Paris (CET)


@pytest.fixture
def paris(settings, time_machine):
    settings.TIME_ZONE = "Europe/Paris"
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def embargoed(paris):
    return ArticleFactory(status=Status.REVIEW, embargo_at=EMBARGO)


def schedule(client, article, at):
    return client.post(action_url(article, "schedule"), {"version": article.version, "at": local_input(at)})


@pytest.mark.django_db
class TestEmbargo:
    def test_publish_now_is_refused_before_the_embargo_with_a_clear_message(self, editor_client, embargoed):
        """"Publish now" during the embargo leaves the story in review and names the embargo in the newsroom's zone."""
        response = editor_client.post(action_url(embargoed, "publish"), {"version": embargoed.version})
        embargoed.refresh_from_db()
        assert embargoed.status == Status.REVIEW
        assert "Embargoed until 24 Nov 2026 14:00:00 CET" in editor_client.get(response.url).content.decode()
        assert not embargoed.transitions.exists()

    def test_publish_action_on_the_list_is_refused_too(self, editor_client, embargoed):
        """The changelist's "publish now" action obeys the embargo."""
        from django.urls import reverse

        editor_client.post(reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [embargoed.pk]})
        embargoed.refresh_from_db()
        assert embargoed.status == Status.REVIEW

    def test_scheduling_exactly_at_the_embargo_is_allowed(self, editor_client, embargoed):
        """A publication time equal to the embargo is fine."""
        schedule(editor_client, embargoed, EMBARGO)
        embargoed.refresh_from_db()
        assert (embargoed.status, embargoed.publish_at) == (Status.PUBLISHED, EMBARGO)

    def test_scheduling_one_second_before_the_embargo_is_refused(self, editor_client, embargoed):
        """The board's and button's times have seconds: the second before the embargo is refused."""
        schedule(editor_client, embargoed, EMBARGO - timedelta(seconds=1))
        embargoed.refresh_from_db()
        assert embargoed.status == Status.REVIEW

    def test_form_schedule_one_second_before_the_embargo_is_a_form_error(self, editor_client, embargoed):
        """"Schedule" on the change page a second before the embargo is refused, the form kept."""
        data = {**edit_form(embargoed, headline="Kept headline"), **desk_button("schedule", at=EMBARGO - timedelta(seconds=1))}
        response = editor_client.post(change_url(embargoed), data)
        assert response.status_code == 200
        assert "Embargoed until 24 Nov 2026 14:00:00 CET" in response.content.decode()
        assert 'value="Kept headline"' in response.content.decode()
        embargoed.refresh_from_db()
        assert embargoed.status == Status.REVIEW

    def test_form_schedule_exactly_at_the_embargo_is_accepted(self, editor_client, embargoed):
        """"Schedule" on the change page at the embargo's second schedules the story."""
        data = {**edit_form(embargoed), **desk_button("schedule", at=EMBARGO)}
        assert editor_client.post(change_url(embargoed), data).status_code == 302
        embargoed.refresh_from_db()
        assert (embargoed.status, embargoed.publish_at) == (Status.PUBLISHED, EMBARGO)

    def test_publish_now_works_once_the_embargo_has_passed(self, editor_client, embargoed, time_machine):
        """At the embargo's second, "publish now" puts the story live."""
        time_machine.move_to(EMBARGO, tick=False)
        editor_client.post(action_url(embargoed, "publish"), {"version": embargoed.version})
        embargoed.refresh_from_db()
        assert embargoed.is_published and embargoed.publish_at == EMBARGO

    def test_change_page_warns_of_a_running_embargo(self, editor_client, embargoed):
        """The desk panel names the embargo while it runs."""
        assert "Embargoed until 24 Nov 2026 14:00:00 CET" in editor_client.get(change_url(embargoed)).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("publish_at", [NOW + timedelta(hours=1), NOW - timedelta(hours=1)], ids=["scheduled", "live"])
def test_an_embargo_set_past_the_publication_is_a_form_error_on_the_embargo(editor_client, paris, publish_at):
    """A plain save of a scheduled or live story with an embargo after its publication time: the form says so
    by the embargo field (the desk's form has no publication time), keeps what was typed, and saves nothing."""
    story = ArticleFactory(status=Status.PUBLISHED, publish_at=publish_at, headline="Embargoed scoop")
    response = editor_client.post(change_url(story), edit_form(story, headline="Typed headline", embargo_at=local_input(EMBARGO)))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["embargo_at"] and "before this embargo" in errors["embargo_at"][0]
    assert 'value="Typed headline"' in response.content.decode()
    story.refresh_from_db()
    assert (story.embargo_at, story.headline) == (None, "Embargoed scoop")


@pytest.mark.django_db
def test_the_embargo_error_names_the_embargo_only_for_the_validation_whose_form_lacks_the_time(paris):
    """A later check of the same story (a service's clean(), a copy) names the publication time again."""
    from django.core.exceptions import ValidationError

    story = ArticleFactory(status=Status.PUBLISHED, publish_at=NOW + timedelta(hours=1), embargo_at=EMBARGO)
    with pytest.raises(ValidationError) as by_form:
        story.full_clean(exclude=["publish_at", "status"])
    assert list(by_form.value.message_dict) == ["embargo_at"]
    with pytest.raises(ValidationError) as later:
        story.clean()
    assert list(later.value.message_dict) == ["publish_at"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["2026-10-25T01:30:00", "2026-03-29T01:30:00"], ids=["repeated", "skipped"])
def test_a_time_the_clock_change_repeats_or_skips_is_refused_and_the_form_kept(editor_client, settings, time_machine, typed):
    """01:30 in London comes twice on the night clocks go back (BST, then GMT) and not at all when they go
    forward: the desk cannot tell which moment is meant, so it says so instead of guessing an hour."""
    settings.TIME_ZONE = "Europe/London"
    time_machine.move_to(datetime(2026, 1, 5, 9, 0, tzinfo=UTC), tick=False)
    story = ArticleFactory(status=Status.REVIEW)
    data = {**edit_form(story, headline="Kept headline"), "desk_action": "schedule", "desk_note": "", "desk_at": typed}
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "couldn’t be interpreted in time zone Europe/London" in page and 'value="Kept headline"' in page
    story.refresh_from_db()
    assert (story.status, story.publish_at) == (Status.REVIEW, None)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["withdraw", ""], ids=["withdraw", "plain-save"])
def test_a_story_scheduled_in_the_repeated_hour_saves_with_the_time_its_panel_shows(editor_client, settings, time_machine, action):
    """The panel's time box shows a scheduled story's time, and every save of the form posts it back: a time in
    the hour the clock change repeats (02:30 in Berlin, CEST then CET) is the moment shown, not refused as
    ambiguous, so the story can still be withdrawn (its embargo moved, say) or edited from its page."""
    settings.TIME_ZONE = "Europe/Berlin"
    time_machine.move_to(datetime(2026, 10, 20, 9, 0, tzinfo=UTC), tick=False)
    second_0230 = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET, after the clocks went back
    story = ArticleFactory(status=Status.PUBLISHED, publish_at=second_0230, embargo_at=second_0230)
    page = editor_client.get(change_url(story)).content.decode()
    assert 'name="desk_at" value="2026-10-25T02:30:00"' in page
    data = {**edit_form(story, headline="Fixed headline"), "desk_action": action, "desk_note": "", "desk_at": "2026-10-25T02:30:00"}
    assert editor_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Fixed headline"
    assert (story.status, story.publish_at) == (Status.WITHDRAWN if action else Status.PUBLISHED, second_0230)


@pytest.mark.django_db
def test_the_schedule_boards_reschedule_keeps_the_repeated_hours_time_it_shows(editor_client, settings, time_machine):
    """The board's Reschedule box shows a story's time: in the hour the clock change repeats, pressed as shown, it
    is that moment (the second 02:30), neither refused as ambiguous nor the first 02:30, an hour early."""
    settings.TIME_ZONE = "Europe/Berlin"
    time_machine.move_to(datetime(2026, 10, 20, 9, 0, tzinfo=UTC), tick=False)
    second_0230 = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET, after the clocks went back
    story = ArticleFactory(status=Status.PUBLISHED, publish_at=second_0230)
    board = editor_client.get(reverse("admin:articles_article_schedule")).content.decode()
    assert re.search(rf'<input [^>]*name="at" value="2026-10-25T02:30:00"[^>]*id="id_{story.pk}_at"', board)
    response = editor_client.post(action_url(story, "schedule"), {"version": story.version, "at": "2026-10-25T02:30:00"}, follow=True)
    assert "couldn’t be interpreted" not in response.content.decode()
    story.refresh_from_db()
    assert (story.status, story.publish_at) == (Status.PUBLISHED, second_0230)


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "at", "expected"), [
    ("withdraw", None, (Status.WITHDRAWN, EMBARGO)),
    ("schedule", EMBARGO + timedelta(hours=2), (Status.PUBLISHED, EMBARGO + timedelta(hours=2))),
], ids=["withdraw", "reschedule"])
def test_an_embargo_moved_later_is_saved_with_the_button_that_moves_the_story(editor_client, paris, action, at, expected):
    """The source moves the embargo two hours on: the editor types it and presses "Withdraw" or "Reschedule" (to the
    new embargo) in one save. The embargo is checked against the story as the button leaves it, not as it stands."""
    story = ArticleFactory(status=Status.PUBLISHED, publish_at=EMBARGO, embargo_at=EMBARGO)
    moved = EMBARGO + timedelta(hours=2)
    data = {**edit_form(story, embargo_at=local_input(moved)), **desk_button(action, at=at)}
    assert editor_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert (story.status, story.publish_at, story.embargo_at) == (*expected, moved)


@pytest.mark.django_db
def test_a_reschedule_before_the_embargo_typed_with_it_is_refused(editor_client, paris):
    """Rescheduling a second before the embargo typed in the same save is refused by that embargo, the form kept."""
    story = ArticleFactory(status=Status.PUBLISHED, publish_at=EMBARGO, embargo_at=EMBARGO)
    moved = EMBARGO + timedelta(hours=2)
    data = {**edit_form(story, embargo_at=local_input(moved)), **desk_button("schedule", at=moved - timedelta(seconds=1))}
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "Embargoed until 24 Nov 2026 16:00:00 CET" in response.content.decode()
    story.refresh_from_db()
    assert (story.publish_at, story.embargo_at) == (EMBARGO, EMBARGO)
