"""Scenario: the desk never loses a journalist's words (issue #19), in a newsroom that is not on UTC.

Typed text survives every desk button, the live ones ask first, a changed form warns before it is
left, and an autosaved copy is offered back after a reload.
"""
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from desk.models import AutosavedCopy
from tests.factories import SectionFactory
from tests.helpers import wait_for

from .helpers import answer_dialogs, body_editor, body_editor_html, log_in, pick_autocomplete
from .stories import story, story_in_review

pytestmark = pytest.mark.e2e

ZONE = "Europe/Istanbul"


@pytest.fixture(autouse=True)
def newsroom_zone(settings):
    settings.TIME_ZONE = ZONE
    settings.DESK_AUTOSAVE_SECONDS = 1  # the interval the form's script reads from the page


def type_a_paragraph(page, words):
    """Add a paragraph at the end of the body, as a person types it into CKEditor."""
    editor = body_editor(page)
    editor.locator("p").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the closing list, into a new paragraph
    page.keyboard.type(words)


def wait_until_autosaved(words, within_seconds=10):
    """Wait, bounded, for the server's copy of the new story to hold `words`: the browser posts it every second,
    on its own timer."""
    def holds_them():
        copy = AutosavedCopy.objects.filter(article=None).first()
        return bool(copy and words in copy.data["body"][0])
    wait_for(holds_them, within_seconds, "the server's copy of the new story holding the words typed")


def writing_a_story(page, desk_user):
    """A journalist at their story's form, a paragraph typed and autosaved: (journalist, story)."""
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    article = story(journalist=journalist)
    log_in(page, journalist)
    page.goto(change_url(article))
    type_a_paragraph(page, "The ferry contract was signed at noon.")
    expect(page.locator("#desk-autosave")).to_contain_text("Unsaved text kept at")
    return journalist, article


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def test_typed_text_survives_every_desk_button_and_live_actions_ask_first(new_context, desk_user, screenshot):
    """Submit, send back, schedule, publish now and withdraw each save the text typed just before; publish
    now and withdraw ask for confirmation, and a refused confirmation publishes nothing and keeps the text."""
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story(journalist=journalist)
    writer, desk = new_context().new_page(), new_context().new_page()
    log_in(writer, journalist)
    log_in(desk, editor)
    questions = answer_dialogs(desk)

    writer.goto(change_url(article))
    type_a_paragraph(writer, "Typed before submitting.")
    writer.get_by_role("button", name="Submit for review").click()
    expect(writer.locator(".messagelist")).to_contain_text("is saved and with the editors")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and "Typed before submitting." in article.body

    desk.goto(change_url(article))
    type_a_paragraph(desk, "Typed before sending back.")
    desk.get_by_label("Note for the record").fill("A second source, please.")
    desk.get_by_role("button", name="Send back to the writer").click()
    expect(desk.locator(".messagelist")).to_contain_text("is saved and back with its writer")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and "Typed before sending back." in article.body
    assert article.transitions.first().note == "A second source, please."

    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    desk.get_by_label("Headline").fill("Envoys to meet again in March")
    desk.get_by_label(f"Publication time ({ZONE})").fill(timezone.localtime(at).strftime("%Y-%m-%dT%H:%M:%S"))
    desk.get_by_role("button", name="Schedule", exact=True).click()
    expect(desk.locator(".messagelist")).to_contain_text("is saved and scheduled")
    article.refresh_from_db()
    assert (article.headline, article.status, article.publish_at) == ("Envoys to meet again in March", Article.Status.PUBLISHED, at)
    assert questions == []  # scheduling changes nothing readers see now

    type_a_paragraph(desk, "Typed before publishing.")
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator(".messagelist")).to_contain_text("is saved and published")
    assert questions == ["Publish this story now? Readers will see it at once, on every page and feed."]
    article.refresh_from_db()
    assert article.is_published and "Typed before publishing." in article.body
    # A live story is not scheduled, nor published again.
    expect(desk.get_by_role("button", name="Schedule", exact=True)).to_have_count(0)
    expect(desk.get_by_role("button", name="Reschedule", exact=True)).to_have_count(0)
    expect(desk.get_by_role("button", name="Publish now")).to_have_count(0)

    type_a_paragraph(desk, "Typed before withdrawing.")
    desk.get_by_role("button", name="Withdraw from the site").click()
    expect(desk.locator(".messagelist")).to_contain_text("is saved and withdrawn")
    assert questions[-1] == "Withdraw this story? It disappears from every page, feed and domain at once."
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN and "Typed before withdrawing." in article.body
    screenshot("withdrawn", of=desk)


def test_a_refused_confirmation_changes_nothing_and_keeps_the_text(new_context, desk_user):
    article = story_in_review(journalist=desk_user("jonas", "Journalist"))
    page = new_context().new_page()
    log_in(page, desk_user("elif", "Editor", first_name="Elif", last_name="Demir"))
    page.goto(change_url(article))
    questions = answer_dialogs(page, accept=False)
    page.get_by_label("Headline").fill("Not yet")
    page.get_by_role("button", name="Publish now").click()
    expect(page.get_by_label("Headline")).to_have_value("Not yet")
    assert questions == ["Publish this story now? Readers will see it at once, on every page and feed."]
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_restoring_a_revision_onto_a_live_story_asks_first(new_context, desk_user):
    journalist = desk_user("jonas", "Journalist")
    article = story(journalist=journalist)
    page = new_context().new_page()
    log_in(page, desk_user("elif", "Editor"))
    questions = answer_dialogs(page)
    page.goto(change_url(article))
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("is saved and published")
    page.get_by_label("Headline").fill("A corrected headline")
    page.get_by_role("button", name="Save and continue editing").click()
    # The old page's link must not be followed while the save is still on its way.
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("link", name="Revisions").click()
    page.get_by_role("button", name="Restore this text").first.click()
    expect(page.locator(".messagelist")).to_contain_text("is back; the publication state is unchanged")
    assert questions[-1] == "This story is live: readers will see the restored text at once. Restore it?"


def test_a_new_story_is_autosaved_offered_back_after_a_reload_and_leaving_warns(page, desk_user, screenshot):
    """Typed into a new story, the text is kept on the server; leaving asks first; the reopened form offers it back."""
    SectionFactory(name="World", slug="world")
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    log_in(page, journalist)
    page.goto("/admin/articles/article/add/")
    # The writer is the first byline, by full name.
    expect(page.locator("#id_authors + .select2")).to_contain_text("Jonas Okafor")
    page.get_by_label("Headline").press_sequentially("Harbour cranes stand idle")
    expect(page.locator("#id_headline-counts")).to_have_text("4 words, 25 characters (recommended: up to 70)")
    pick_autocomplete(page, "id_section", "Wor", "World")
    editor = body_editor(page)
    editor.click()
    page.keyboard.type("Dock workers walked out at dawn.")
    expect(page.locator("#id_body-counts")).to_have_text("6 words, 32 characters")
    expect(page.locator("#desk-autosave")).to_contain_text("Unsaved text kept at")
    wait_until_autosaved("Dock workers walked out at dawn.")
    assert len(AutosavedCopy.objects.get().form_key) == 32  # the script posts the form's own key
    assert not Article.objects.exists()

    questions = answer_dialogs(page)
    page.reload()
    assert questions == ["beforeunload"]  # the browser's "Leave site?" prompt, answered "Leave"
    offer = page.get_by_role("region", name="Restore your unsaved text from")
    expect(offer).to_be_visible()
    screenshot("offer")
    offer.get_by_role("link", name="Restore").click()
    expect(page.get_by_label("Headline")).to_have_value("Harbour cranes stand idle")
    body_editor(page)
    assert "Dock workers walked out at dawn." in body_editor_html(page)
    expect(page.locator("#id_section + .select2")).to_contain_text("World")
    page.reload()  # the restored text is not saved yet: leaving it warns as well
    assert questions == ["beforeunload", "beforeunload"]
    expect(page.get_by_label("Headline")).to_have_value("Harbour cranes stand idle")

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert not AutosavedCopy.objects.exists()
    article = Article.objects.get()
    assert (article.headline, list(article.authors.all())) == ("Harbour cranes stand idle", [journalist])


def test_bylines_show_full_names_on_the_list_and_its_filter(page, desk_user):
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    story(journalist=journalist)
    log_in(page, desk_user("elif", "Editor"))
    page.goto("/admin/articles/article/")
    expect(page.locator("#result_list")).to_contain_text("Jonas Okafor")
    expect(page.locator("#changelist-filter")).to_contain_text("Jonas Okafor")
    expect(page.locator("#changelist-filter")).not_to_contain_text("jonas\n")
    page.get_by_role("searchbox").fill("Jonas Okafor")
    page.get_by_role("searchbox").press("Enter")
    expect(page.locator("#result_list")).to_contain_text("Jonas Okafor")


def test_a_long_headline_does_not_run_under_the_change_pages_buttons(page, desk_user):
    article = story(journalist=desk_user("jonas", "Journalist"))
    Article.objects.filter(pk=article.pk).update(headline=("Envoys " * 28).strip())
    log_in(page, desk_user("elif", "Editor"))
    page.goto(change_url(article))
    title = page.locator("#content > h2").bounding_box()
    for button in page.locator(".object-tools a").all():
        box = button.bounding_box()
        overlaps = box["x"] < title["x"] + title["width"] and title["x"] < box["x"] + box["width"] and \
            box["y"] < title["y"] + title["height"] and title["y"] < box["y"] + box["height"]
        assert not overlaps, button.text_content()


def test_a_journalists_text_survives_an_editor_publishing_the_story_under_them(page, desk_user, screenshot):
    """The journalist is still writing when an editor publishes the story: their save changes nothing, and
    every word they typed is on the page they land on, to copy, with the reason; axe finds nothing serious."""
    from axe_playwright_python.sync_playwright import Axe

    from desk.services import article_publish

    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story_in_review(journalist=journalist)
    log_in(page, journalist)
    page.goto(change_url(article))
    type_a_paragraph(page, "The talks resume in Geneva next month.")
    article_publish(article=Article.objects.get(pk=article.pk), by=editor)

    answer_dialogs(page)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("Nothing was saved: you may no longer change this story")
    kept = page.get_by_role("region", name="Your text that was not saved")
    expect(kept.get_by_label("Body")).to_have_value(re.compile("The talks resume in Geneva next month."))
    screenshot("kept")
    assert "Geneva" not in Article.objects.get(pk=article.pk).body
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def test_a_story_deleted_while_written_says_so_and_gives_the_text_back(page, desk_user, screenshot):
    """The form's autosave says the story was deleted, and the save lands on a page that holds every word typed."""
    _journalist, article = writing_a_story(page, desk_user)

    Article.objects.filter(pk=article.pk).delete()  # an editor deletes the story meanwhile
    type_a_paragraph(page, "The port reopens on Monday.")
    expect(page.locator("#desk-autosave")).to_contain_text("this story was deleted")
    answer_dialogs(page)
    page.get_by_role("button", name="Save and continue editing").click()
    kept = page.get_by_role("region", name="Nothing was saved: the story is no longer there")
    expect(kept.get_by_label("Body")).to_have_value(re.compile("signed at noon.*reopens on Monday", re.S))
    screenshot("gone")
    assert not Article.objects.filter(pk=article.pk).exists()


def test_a_note_typed_but_not_added_is_not_lost_to_the_story_save(page, desk_user):
    """The notes panel is a form of its own: saving the story would take its typed text away, so the save asks
    first; staying keeps the note, and the story form goes on autosaving and warning as before."""
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story(journalist=desk_user("jonas", "Journalist"))
    log_in(page, editor)
    page.goto(change_url(article))
    questions = answer_dialogs(page, accept=False)
    page.get_by_label("Headline").fill("Ferry deal signed")
    page.locator("#id_note_text").fill("Check the minister's quote against the transcript.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#id_note_text")).to_have_value("Check the minister's quote against the transcript.")
    assert len(questions) == 1 and "has not been sent yet" in questions[0]

    page.get_by_label("Headline").fill("Ferry deal signed at noon")  # still their page: autosave goes on
    expect(page.locator("#desk-autosave")).to_contain_text("Unsaved text kept at")
    with page.expect_event("dialog"):
        page.get_by_role("button", name="Add the note").click()  # and leaving with the story changed asks
    assert questions[1:] == ["beforeunload"]
    expect(page.get_by_label("Headline")).to_have_value("Ferry deal signed at noon")

    page.locator("#id_note_text").fill("")  # nothing typed elsewhere now: the save goes without a question
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get(pk=article.pk).headline == "Ferry deal signed at noon"
    assert len(questions) == 2


def test_a_refused_note_given_back_is_not_lost_to_the_storys_save_or_a_link(page, desk_user):
    """A note refused (its quote is not in the saved text) comes back in its form, as text the page came with:
    it counted as nothing typed, and the natural next move, fixing the headline and saving, dropped it unasked."""
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story(journalist=desk_user("jonas", "Journalist"))
    log_in(page, editor)
    page.goto(change_url(article))
    questions = answer_dialogs(page, accept=False)
    note = "Which ports exactly? The ministry says thirty-eight, not forty."
    page.locator("#id_note_text").fill(note)
    page.locator("#id_note_quote").fill("Envoys quit Ankara")  # not in the saved text
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator(".messagelist")).to_contain_text("The note was not added")
    page.get_by_label("Headline").fill("Envoys quit Ankara talks")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#id_note_text")).to_have_value(note)
    assert len(questions) == 1 and "has not been sent yet" in questions[0]
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Schedule board").first.click()
    assert questions[1:] == ["beforeunload"] and change_url(article) in page.url


def test_a_save_pressed_before_any_autosave_asks_the_server_first(page, desk_user):
    """Between two autosaves the form cannot know that the session ended, or that a login in another tab
    changed the token: its save asks the server first, so the text neither goes to the login page nor meets
    a 403."""
    from django.contrib.sessions.models import Session

    journalist, article = writing_a_story(page, desk_user)
    questions = answer_dialogs(page)
    Session.objects.all().delete()  # the session expired
    page.get_by_label("Headline").fill("Ferry deal signed at noon")
    # The alert comes once the server has answered (an autosave may have said so before).
    with page.expect_event("dialog"):
        page.get_by_role("button", name="Save and continue editing").click()  # before the next autosave
    expect(page.locator("#desk-autosave")).to_contain_text("you are no longer logged in")
    assert len(questions) == 1 and "no longer logged in" in questions[0]
    assert page.url.endswith(change_url(article)) and page.get_by_label("Headline").input_value() == "Ferry deal signed at noon"

    other = page.context.new_page()  # logged in, out and in again in another tab: the token changed twice
    log_in(other, journalist)
    other.goto("/admin/")
    other.get_by_role("button", name="Log out").click()
    log_in(other, journalist)
    page.get_by_role("button", name="Save and continue editing").click()  # no autosave since
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Ferry deal signed at noon" and "signed at noon" in saved.body
    assert len(questions) == 1


def test_after_logging_in_again_elsewhere_the_open_form_autosaves_and_saves(page, desk_user):
    """A new login changes the CSRF token: the open form's script fetches the new one on the refusal, so its
    autosave goes on and its save keeps the text, instead of a 403 that loses it."""
    from django.contrib.sessions.models import Session

    journalist, article = writing_a_story(page, desk_user)
    Session.objects.all().delete()  # the session expired
    type_a_paragraph(page, "Both unions welcomed it.")
    expect(page.locator("#desk-autosave")).to_contain_text("you are no longer logged in")
    questions = answer_dialogs(page)
    with page.expect_event("dialog"):
        page.get_by_role("button", name="Save and continue editing").click()  # would post to the login page
    assert len(questions) == 1 and "no longer logged in" in questions[0]
    assert "welcomed it" in body_editor_html(page) and "/admin/articles/article/" in page.url

    log_in(page.context.new_page(), journalist)  # in another tab, as the message says
    expect(page.locator("#desk-autosave")).to_contain_text("You are logged in again")
    page.get_by_role("button", name="Save and continue editing").click()  # at once, before any autosave
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    body = Article.objects.get(pk=article.pk).body
    assert "signed at noon" in body and "welcomed it" in body

    other = page.context.new_page()  # logged out and in again in another tab, between two autosaves
    other.goto("/admin/")
    other.get_by_role("button", name="Log out").click()
    log_in(other, journalist)
    page.bring_to_front()
    type_a_paragraph(page, "The port reopens on Monday.")
    expect(page.locator("#desk-autosave")).to_contain_text("Unsaved text kept at")
    with page.expect_navigation():  # the page shows the last save's message already
        page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert "reopens on Monday" in Article.objects.get(pk=article.pk).body


def test_a_change_made_only_in_an_autocomplete_is_kept_and_warns_on_leaving(page, desk_user):
    """The section, bylines and photos are select2 boxes, which report their changes through jQuery: the form
    autosaves them and asks before leaving, as for typed text."""
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    article = story(journalist=journalist)
    sport = SectionFactory(name="Sport", slug="sport")
    log_in(page, journalist)
    page.goto(change_url(article))
    body_editor(page)
    pick_autocomplete(page, "id_section", "Spo", "Sport")
    expect(page.locator("#desk-autosave")).to_contain_text("Unsaved text kept at")
    assert AutosavedCopy.objects.get(article=article).data["section"] == [str(sport.pk)]
    questions = answer_dialogs(page)
    page.goto("/admin/")
    assert questions == ["beforeunload"]


def test_a_save_while_the_database_is_down_is_held_back_with_the_text(page, desk_user):
    """The desk answers 503 while PostgreSQL is unreachable: the save's question to the server got that 503 and
    took it for "logged in", so the save went out and the outage page replaced the form and its text."""
    journalist, article = writing_a_story(page, desk_user)
    questions = answer_dialogs(page)
    page.get_by_label("Headline").fill("Ferry deal signed at noon")
    page.route("**/admin/**", lambda route: route.fulfill(status=503, body="<h1>The site is briefly unavailable</h1>"))
    page.get_by_role("button", name="Save and continue editing").click()  # before the next autosave
    expect(page.locator("#desk-autosave")).to_contain_text("the server answered 503")
    assert len(questions) == 1 and "not answering" in questions[0]
    assert page.url.endswith(change_url(article)) and page.get_by_label("Headline").input_value() == "Ferry deal signed at noon"
    page.unroute("**/admin/**")
    page.get_by_role("button", name="Save and continue editing").click()  # the database is back
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get(pk=article.pk).headline == "Ferry deal signed at noon"


@pytest.mark.parametrize("role", ["Journalist", "Editor"])
def test_enter_in_the_headline_saves_and_moves_nothing(page, desk_user, role):
    """The desk panel's buttons come first in the page: Enter pressed the first of them (a draft went to the
    editors; a story in review went back to its writer). It now presses a hidden "Save and continue"."""
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story(journalist=journalist) if role == "Journalist" else story_in_review(journalist=journalist)
    status = article.status
    answer_dialogs(page)
    log_in(page, journalist if role == "Journalist" else editor)
    page.goto(change_url(article))
    page.get_by_label("Headline").fill("Envoys quit Ankara talks")
    page.get_by_label("Headline").press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert (article.status, article.headline) == (status, "Envoys quit Ankara talks")
