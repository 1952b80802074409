"""A story save stopped before the page went (Esc on a slow save): the form warns on leaving and autosaves again
after a few seconds, as the other desk forms do; before, it thought itself gone for good and the words typed after
the stop were dropped by the next link, unasked."""
import threading

import pytest
from playwright.sync_api import expect

from desk.admin.article import ArticleAdmin
from desk.models import AutosavedCopy
from tests.helpers import wait_for

from .helpers import answer_dialogs, log_in
from .stories import story

pytestmark = pytest.mark.e2e

RESEND_SECONDS = 5  # as static/js/keep-typed.js: a send stopped before the page went may go again after it
TYPED_AFTER = "Typed after the slow save was stopped: the ferry contract was signed at noon."


def test_a_story_save_stopped_before_the_page_went_still_warns_and_autosaves(page, desk_user, monkeypatch, settings):
    """The journalist stops a slow save (Esc): the page stays with its text, and they go on typing. The form
    thought itself gone for good: it never autosaved again and never asked before leaving, so a link
    clicked next dropped every word typed since, without a question."""
    settings.DESK_AUTOSAVE_SECONDS = 1
    arrived, release, saves, save_model = threading.Event(), threading.Event(), [], ArticleAdmin.save_model

    def slow_save(self, request, obj, form, change):
        saves.append(obj.standfirst)
        if len(saves) == 1:
            arrived.set()
            release.wait(10)
        return save_model(self, request, obj, form, change)

    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    article = story(journalist=journalist)
    monkeypatch.setattr(ArticleAdmin, "save_model", slow_save)
    page.clock.install()  # the page's timers (the autosave's, the form's own) run on a clock the test moves
    log_in(page, journalist)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Standfirst").fill("Before the save.")
    page.get_by_role("button", name="Save and continue editing").click(no_wait_after=True)
    assert arrived.wait(10), "the save never reached the server"
    page.context.new_cdp_session(page).send("Page.stopLoading")
    release.set()
    page.clock.run_for(RESEND_SECONDS * 1000)

    page.get_by_label("Standfirst").fill(TYPED_AFTER)
    page.clock.run_for(3000)  # three autosave intervals
    wait_for(lambda: AutosavedCopy.objects.filter(data__standfirst=[TYPED_AFTER]).exists(), 10,
             "the server's copy of the form holding the text typed after the stop")
    dialogs = answer_dialogs(page, accept=False)
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Home").first.click()
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Standfirst")).to_have_value(TYPED_AFTER)
