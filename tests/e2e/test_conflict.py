"""Scenario 4: two editors change the same story at once; the second is told, and keeps their text."""
import pytest
from playwright.sync_api import expect

from .helpers import body_editor, body_editor_html, log_in
from .stories import HEADLINE, story_in_review

pytestmark = pytest.mark.e2e

THEIR_STANDFIRST = "Talks end with a promise to meet again in March, the hosts say."
MY_HEADLINE = "Ankara talks end without a ceasefire; envoys to meet in March"
MY_SENTENCE = "Both delegations declined to take questions."


def test_second_editor_saving_a_changed_story_sees_the_conflict_and_keeps_their_text(
    new_context, screenshot, desk_user,
):
    """Two editors open the same story; the first saves, the second's save is refused with who saved
    and what changed, their headline and body stay in the form, and saving again replaces the first's."""
    article = story_in_review(journalist=desk_user("jonas", "Journalist"))
    change_url = f"/admin/articles/article/{article.pk}/change/"
    first, second = (new_context().new_page() for _ in range(2))
    log_in(first, desk_user("elif", "Editor", first_name="Elif", last_name="Demir"))
    log_in(second, desk_user("omar", "Editor", first_name="Omar", last_name="Haddad"))
    first.goto(change_url)
    second.goto(change_url)

    first.get_by_label("Standfirst").fill(THEIR_STANDFIRST)
    first.get_by_role("button", name="Save and continue editing").click()
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.get_by_label("Headline").fill(MY_HEADLINE)
    editor = body_editor(second)
    editor.locator("ul li").last.click()
    second.keyboard.press("Control+End")
    second.keyboard.press("Enter")
    second.keyboard.press("Enter")  # the second Enter leaves the list for a new paragraph
    second.keyboard.type(MY_SENTENCE)
    second.get_by_role("button", name="Save and continue editing").click()

    expect(second.locator(".errornote")).to_be_visible()
    conflict = second.get_by_role("alert").filter(has_text="saved this story")
    expect(conflict).to_contain_text("Elif Demir saved this story at")
    expect(conflict).to_contain_text("Standfirst")
    expect(conflict).to_contain_text(THEIR_STANDFIRST)
    expect(second.get_by_label("Headline")).to_have_value(MY_HEADLINE)
    body_editor(second)
    assert MY_SENTENCE in body_editor_html(second)
    screenshot("conflict", of=second)
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == (HEADLINE, THEIR_STANDFIRST)

    # Having read their change, the second editor saves again on purpose: their text replaces it.
    second.get_by_role("button", name="Save and continue editing").click()
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.headline == MY_HEADLINE
    assert MY_SENTENCE in article.body
