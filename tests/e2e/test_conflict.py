"""Scenario 4: two editors change the same story at once. Edits to different fields both survive; edits
to the same field are refused with both versions shown, and the second editor keeps their text."""
import pytest
from playwright.sync_api import expect

from .helpers import body_editor, body_editor_html, log_in
from .stories import HEADLINE, story_in_review

pytestmark = pytest.mark.e2e

THEIR_STANDFIRST = "Talks end with a promise to meet again in March, the hosts say."
THEIR_HEADLINE = "Ankara talks close; envoys promise a March meeting"
MY_HEADLINE = "Ankara talks end without a ceasefire; envoys to meet in March"
MY_SENTENCE = "Both delegations declined to take questions."


@pytest.fixture
def two_editors(new_context, desk_user, settings):
    settings.TIME_ZONE = "Europe/Istanbul"
    article = story_in_review(journalist=desk_user("jonas", "Journalist"))
    first, second = (new_context().new_page() for _ in range(2))
    log_in(first, desk_user("elif", "Editor", first_name="Elif", last_name="Demir"))
    log_in(second, desk_user("omar", "Editor", first_name="Omar", last_name="Haddad"))
    change_url = f"/admin/articles/article/{article.pk}/change/"
    first.goto(change_url)
    second.goto(change_url)
    return article, first, second


def save(page, expected):
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text(expected)


def add_sentence(page, sentence):
    editor = body_editor(page)
    editor.locator("ul li").last.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the second Enter leaves the list for a new paragraph
    page.keyboard.type(sentence)


def test_edits_to_different_fields_by_two_editors_both_survive(two_editors, screenshot):
    """The first changes the standfirst, the second (from the same version) the headline and body: all three stay."""
    article, first, second = two_editors
    first.get_by_label("Standfirst").fill(THEIR_STANDFIRST)
    save(first, "was changed successfully")

    second.get_by_label("Headline").fill(MY_HEADLINE)
    add_sentence(second, MY_SENTENCE)
    save(second, "Merged with Elif Demir's save of")
    expect(second.locator(".messagelist")).to_contain_text("their changes kept: standfirst")
    expect(second.get_by_label("Standfirst")).to_have_value(THEIR_STANDFIRST)
    screenshot("merged", of=second)
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == (MY_HEADLINE, THEIR_STANDFIRST)
    assert MY_SENTENCE in article.body


def test_edits_to_the_same_field_are_refused_with_both_versions_and_keep_the_text(two_editors, screenshot):
    """Both change the headline: the second save is refused, showing their headline and mine; my body edit
    stays in the form; saving again, having read theirs, keeps my headline and their standfirst."""
    article, first, second = two_editors
    first.get_by_label("Headline").fill(THEIR_HEADLINE)
    first.get_by_label("Standfirst").fill(THEIR_STANDFIRST)
    save(first, "was changed successfully")

    second.get_by_label("Headline").fill(MY_HEADLINE)
    add_sentence(second, MY_SENTENCE)
    second.get_by_role("button", name="Save and continue editing").click()

    expect(second.locator(".errornote")).to_be_visible()
    conflict = second.get_by_role("alert").filter(has_text="saved this story")
    expect(conflict).to_contain_text("Elif Demir saved this story at")
    expect(conflict.locator(".desk-version")).to_have_text([THEIR_HEADLINE, MY_HEADLINE])
    expect(conflict).to_contain_text("Their changes to fields you did not touch are in the form now: standfirst")
    expect(second.get_by_label("Headline")).to_have_value(MY_HEADLINE)
    expect(second.get_by_label("Standfirst")).to_have_value(THEIR_STANDFIRST)
    body_editor(second)
    assert MY_SENTENCE in body_editor_html(second)
    screenshot("conflict", of=second)
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == (THEIR_HEADLINE, THEIR_STANDFIRST)
    assert HEADLINE not in (article.headline,)

    save(second, "was changed successfully")
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == (MY_HEADLINE, THEIR_STANDFIRST)
    assert MY_SENTENCE in article.body
