"""The desk's other forms keep what is typed in them, as the story form does (static/js/keep-typed.js): the live
composer, an entry's edit page, a scheduled update, an assignment, a photo."""
import re
import threading

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

import newsroom.admin
from live import services
from live.models import LiveEntry
from tests.factories import AlertFactory, ArticleFactory, SectionFactory

from .helpers import answer_dialogs, log_in

pytestmark = pytest.mark.e2e

TYPED = "Police say the bridge will stay closed overnight; diversions via the ring road."
RESEND_SECONDS = 5  # static/js/keep-typed.js: a send stopped before the page went may go again after it
DESK_HOME = re.compile(r"/admin/$")


@pytest.fixture
def composer(page, desk_user):
    return at_the_composer(page, desk_user)


def at_the_composer(page, desk_user) -> list:
    """An editor at the composer of a live story, an entry typed and not sent: the dialogs asked, declined."""
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    coverage = services.coverage_start(article=ArticleFactory(published=True, headline="Floods: live updates"), by=editor)
    services.entry_create(coverage=coverage, by=editor, body="Summary: what we know so far.", kind="summary")
    dialogs = answer_dialogs(page, accept=False)
    log_in(page, editor)
    page.goto(f"/admin/live/livecoverage/{coverage.pk}/change/")
    page.get_by_label("Text").fill(TYPED)
    return dialogs


def test_pin_or_a_link_asks_before_dropping_the_entry_being_typed(page, composer):
    """Pinning an entry during a live blog is routine: it sent its own form, and the entry typed was gone."""
    with page.expect_event("dialog"):
        page.get_by_role("button", name="Pin").click()
    assert len(composer) == 1 and "has not been sent yet" in composer[0]
    with page.expect_event("dialog"):
        page.get_by_role("link", name="The story on the desk").click()
    assert composer[1:] == ["beforeunload"]
    expect(page.get_by_label("Text")).to_have_value(TYPED)
    assert not LiveEntry.objects.get().is_pinned


def test_an_entry_sent_after_the_session_ended_is_held_back_with_its_text(page, composer):
    """It went to the login page, and after the login the composer was empty."""
    Session.objects.all().delete()
    with page.expect_event("dialog", lambda dialog: "no longer logged in" in dialog.message):
        page.get_by_role("button", name="Publish").click()
    expect(page.get_by_label("Text")).to_have_value(TYPED)
    assert LiveEntry.objects.count() == 1


def test_the_entry_sent_goes_out_without_a_question(page, composer):
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Entry published")
    assert composer == [] and LiveEntry.objects.filter(body__contains="bridge").exists()


def an_editor_at(page, desk_user, url) -> list:
    """An editor at `url` on the desk: the dialogs the page asks, declined."""
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    dialogs = answer_dialogs(page, accept=False)
    log_in(page, editor)
    page.goto(url)
    return dialogs


def test_a_scheduled_update_typed_warns_before_it_is_left(page, desk_user):
    story = ArticleFactory(published=True, headline="Storm kills nine")
    dialogs = an_editor_at(page, desk_user, f"/admin/live/scheduledupdate/add/?article={story.pk}")
    page.get_by_label("Headline").fill("Storm kills ten")
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Home").first.click()
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Headline")).to_have_value("Storm kills ten")


def test_a_second_press_while_the_session_is_asked_sends_the_entry_once(page, desk_user, monkeypatch):
    """A busy server: nothing seems to happen while the script asks whether the browser is logged in, and the
    editor presses Publish again. Each press asked and sent: two identical entries went out to readers."""
    pressed_twice, asked = threading.Event(), []
    answer = newsroom.admin.JsonResponse

    def slow_answer(*args, **kwargs):
        asked.append(1)
        if len(asked) == 1:  # the first question is slow: the second press comes meanwhile
            pressed_twice.wait(10)
        return answer(*args, **kwargs)

    monkeypatch.setattr(newsroom.admin, "JsonResponse", slow_answer)
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    coverage = services.coverage_start(article=ArticleFactory(published=True, headline="Floods: live updates"), by=editor)
    answer_dialogs(page)
    log_in(page, editor)
    page.goto(f"/admin/live/livecoverage/{coverage.pk}/change/")
    page.get_by_label("Text").fill(TYPED)
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    with page.expect_request(lambda request: request.url.endswith("/admin/session/")):  # the second press comes
        # while the script waits for the answer
        page.get_by_role("button", name="Publish").click(no_wait_after=True)
    page.get_by_role("button", name="Publish").click(no_wait_after=True)
    pressed_twice.set()
    expect(page.locator(".messagelist")).to_contain_text("Entry published")
    # The page the composer was on is gone: every post it was to send has been sent, and answered.
    assert len(posts) == 1, posts
    assert LiveEntry.objects.filter(body__contains="bridge").count() == 1


def test_a_widgets_filter_box_is_not_typed_text(page, desk_user):
    """The two-box select's "Filter" (an alert's sections) is never sent: leaving after typing in it asked."""
    SectionFactory(name="Sport", slug="sport")
    dialogs = an_editor_at(page, desk_user, f"/admin/live/alert/{AlertFactory().pk}/change/")
    page.locator("#id_sections_input").fill("Spo")
    page.get_by_role("link", name="Home").first.click()
    expect(page).to_have_url(DESK_HOME)  # a "Leave site?" answered no would have kept the page
    assert dialogs == []


def test_back_to_an_entry_already_sent_does_not_warn(page, composer):
    """Back after Publish: the browser puts the sent text back in the composer, which is not typed text."""
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Entry published")
    page.go_back()
    expect(page.get_by_label("Text")).to_have_value(TYPED)  # the browser's own form restoration
    page.get_by_role("link", name="Home").first.click()
    expect(page).to_have_url(DESK_HOME)  # a "Leave site?" answered no would have kept the page
    assert composer == []


def test_a_send_stopped_before_the_page_went_can_be_sent_again(page, desk_user, monkeypatch):
    """The editor stops a slow Publish (Esc): the page stays with its text. The form was left waiting for a
    send that would never take the page away, and every later press did nothing, silently."""
    first, arrived, release, create = [], threading.Event(), threading.Event(), services.entry_create

    def slow_create(**kwargs):
        first.append(kwargs["body"])
        if len(first) == 1:
            arrived.set()
            release.wait(10)
        return create(**kwargs)

    page.clock.install()  # the page's timers, keep-typed's among them, run on a clock the test moves
    at_the_composer(page, desk_user)  # its summary entry made as usual: only the editor's entry is slow
    monkeypatch.setattr(services, "entry_create", slow_create)
    page.get_by_role("button", name="Publish").click(no_wait_after=True)
    assert arrived.wait(10), "the entry never reached the server"
    page.context.new_cdp_session(page).send("Page.stopLoading")
    release.set()
    page.clock.run_for(RESEND_SECONDS * 1000)
    page.get_by_label("Text").fill("The bridge reopens at dawn.")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Entry published")
    assert len(first) == 2
