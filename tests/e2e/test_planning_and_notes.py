"""Scenario: from the budget to the site. A journalist finds an assignment on the desk home and writes the story
from it; an editor leaves a blocking note anchored to a passage, which holds publication; the journalist
resolves it; the editor publishes."""
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from planning.models import Assignment
from tests.factories import AssignmentFactory, SectionFactory

from .helpers import answer_dialogs, body_editor, log_in, select_in_body, status_of

pytestmark = pytest.mark.e2e

PASSAGE = "forty vessels"


def test_a_story_goes_from_assignment_to_note_to_publication(new_context, reader, screenshot, desk_user):
    politics = SectionFactory(name="Politics", slug="politics")
    journalist = desk_user("kim", "Journalist", first_name="Kim", last_name="Lund")
    editor = desk_user("ed", "Editor", first_name="Ed", last_name="Moss")
    AssignmentFactory(slug="port-strike", working_headline="Port strike enters its ninth day", desk=politics,
                      assignees=[journalist], editor=editor, due_at=timezone.now() + timedelta(hours=3),
                      art=Assignment.Art.PHOTO)

    # The journalist finds the assignment on the desk home and writes the story from it.
    writer = new_context().new_page()
    log_in(writer, journalist)
    assignments = writer.get_by_role("region", name="Your assignments")
    expect(assignments).to_contain_text("Port strike enters its ninth day")
    screenshot("journalist-home", of=writer)
    assignments.get_by_role("link", name="Write the story").click()
    expect(writer.get_by_label("Headline")).to_have_value("Port strike enters its ninth day")
    editor_area = body_editor(writer)
    editor_area.click()
    writer.keyboard.type(f"Shipping lines have diverted more than {PASSAGE} to other ports.")
    writer.get_by_role("button", name="Submit for review").click()
    expect(writer.locator(".messagelist")).to_contain_text("is saved and with the editors")
    article = Article.objects.get(headline="Port strike enters its ninth day")
    assert Assignment.objects.get(slug="port-strike").story == article
    assert article.status == Article.Status.REVIEW

    # The editor leaves a blocking note on the passage, mentioning the journalist; it holds publication.
    desk = new_context().new_page()
    answer_dialogs(desk)  # "Publish this story now?"
    log_in(desk, editor)
    desk.goto(f"/admin/articles/article/{article.pk}/change/")
    notes = desk.locator("#notes")
    notes.locator("#id_note_text").fill("@kim Which ports? The ministry says thirty-eight.")
    # The passage is selected in the body's editor and quoted with a click, not retyped.
    select_in_body(desk, PASSAGE)
    notes.get_by_role("button", name="Quote the selected words").click()
    expect(notes.locator("#id_note_quote")).to_have_value(PASSAGE)
    expect(notes.locator("#id_note_field")).to_have_value("body")
    notes.locator("#id_note_blocking").check()
    notes.get_by_role("button", name="Add the note").click()
    expect(desk.locator(".note-quote mark")).to_have_text(PASSAGE)
    screenshot("editor-note", of=desk)
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator(".errorlist")).to_contain_text("1 blocking note is unresolved")
    assert status_of(reader, article.get_absolute_url()) == 404

    # The journalist sees the mention on the desk home, answers and resolves the note.
    writer.goto("/admin/")
    mentions = writer.get_by_role("region", name="Notes that mention you")
    expect(mentions).to_contain_text("Which ports?")
    mentions.get_by_role("link", name="Port strike enters its ninth day").click()
    thread = writer.locator(".note").first
    thread.get_by_label("Reply").fill("Checked with the port authority: forty-one. Fixed.")
    thread.get_by_role("button", name="Reply").click()
    expect(writer.locator(".note-reply")).to_contain_text("forty-one")
    writer.locator(".note").first.get_by_role("button", name="Resolve").click()
    expect(writer.locator(".messagelist")).to_contain_text("Note resolved.")
    screenshot("journalist-resolved", of=writer)

    # The editor publishes: the missing photo the assignment asked for is a warning, not a refusal.
    desk.goto(f"/admin/articles/article/{article.pk}/change/")
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator(".messagelist")).to_contain_text("is saved and published")
    expect(desk.locator(".messagelist")).to_contain_text("asks for a photo and the story has none")
    screenshot("editor-published", of=desk)
    assert status_of(reader, article.get_absolute_url()) == 200
    expect(reader.locator("body")).not_to_contain_text("Which ports?")
    assert Assignment.objects.get(slug="port-strike").status == Assignment.Status.PUBLISHED
