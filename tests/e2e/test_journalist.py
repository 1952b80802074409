"""Scenario 1: a journalist writes a story on the desk, with its photo, and submits it for review."""
import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import AgencyFactory, SectionFactory

from .helpers import body_editor, body_editor_html, log_in, pick_autocomplete, status_of
from .stories import CAPTION, HEADLINE

pytestmark = pytest.mark.e2e


@pytest.fixture
def photo_path(tmp_path):
    """A JPEG as a camera would hand it over: drawn with Pillow, saved to a file to upload."""
    path = tmp_path / "delegates.jpg"
    image = Image.new("RGB", (1200, 800), "#5b7083")
    ImageDraw.Draw(image).rectangle([300, 200, 900, 600], fill="#d9c8a9")
    image.save(path, "JPEG", quality=85)
    return path


def test_journalist_writes_a_story_with_a_photo_and_submits_it_for_review(
    page, reader, screenshot, desk_user, photo_path,
):
    """A journalist writes formatted text in CKEditor, adds an AFP photo, and submits the story; they
    are offered no way to publish it, and readers get 404 for it."""
    SectionFactory(name="World", slug="world")
    AgencyFactory(short_name="AFP", name="Agence France-Presse")
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")

    log_in(page, journalist)
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").press_sequentially(HEADLINE)  # typed: the admin fills the slug on keyup
    expect(page.get_by_label("Slug")).to_have_value("envoys-leave-ankara-talks-without-a-ceasefire-deal")
    page.get_by_label("Standfirst").fill("Turkey, Russia and Syria end two days of talks with a promise to meet again.")
    pick_autocomplete(page, "id_section", "Wor", "World")

    # The body, typed into the real editor: bold with Ctrl+B, a link through the Link dialog, a bulleted list.
    editor = body_editor(page)
    editor.click()
    page.keyboard.type("The talks ended on Wednesday evening. ")
    page.keyboard.press("Control+B")
    page.keyboard.type("No ceasefire was agreed")
    page.keyboard.press("Control+B")
    page.keyboard.type(", according to ")
    page.locator("#cke_id_body .cke_button__link").click()
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_title", has_text="Link"))
    url, text = dialog.get_by_label("URL"), dialog.get_by_label("Display Text")
    expect(url).to_be_focused()  # the dialog has finished setting itself up
    url.fill("example.org/closing-statement")
    text.fill("the closing statement")
    expect(text).to_have_value("the closing statement")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    expect(dialog).to_be_hidden()
    page.keyboard.press("End")
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    page.locator("#cke_id_body .cke_button__bulletedlist").click()
    page.keyboard.type("Prisoner exchanges continue")
    page.keyboard.press("Enter")
    page.keyboard.type("A new round is planned for March")
    body = body_editor_html(page)
    assert "<strong>No ceasefire was agreed</strong>" in body
    assert '<a href="http://example.org/closing-statement">the closing statement</a>' in body
    assert "<ul>" in body and "<li>A new round is planned for March</li>" in body

    page.get_by_label("Tags").fill("Syria, Turkey, Russia")

    # The lead photo, uploaded from the story through the admin's "add another" window.
    with page.expect_popup() as popup_info:
        page.locator("#add_id_lead_photo").click()
    popup = popup_info.value
    popup.get_by_label("Image").set_input_files(photo_path)
    popup.get_by_label("Caption").fill(CAPTION)
    popup.get_by_label("Alt text").fill("Men in dark suits walk up the steps of a government building.")
    popup.get_by_label("Credit type").select_option(label="Agency photo")
    popup.get_by_label("Agency").select_option(label="AFP — Agence France-Presse")
    expect(popup.locator("#credit-preview")).to_have_text("Credit line: (AFP photo)")  # worded before saving
    popup.get_by_label("Credit type").select_option(label="Handout distributed by an agency")
    expect(popup.locator("#credit-preview")).to_have_text("Credit line: (Via AFP)")
    popup.get_by_label("Credit type").select_option(label="Agency photo")
    popup.get_by_role("button", name="Save", exact=True).click()
    popup.wait_for_event("close")
    expect(page.locator("#id_lead_photo + .select2")).to_contain_text("Delegates arrive")

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.DRAFT

    page.get_by_label("Note for the record").fill("Ready for the evening: the quotes are checked with the ministry's statement.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("is saved and with the editors")
    expect(page.locator(".desk-panel h2").first).to_contain_text("In review")

    # Nothing on the desk lets a journalist publish: not the status, not a time, not a button or an action.
    expect(page.locator("#id_status option[value='published']")).to_have_count(0)
    expect(page.locator("[name^='publish_at']")).to_have_count(0)
    for label in ("Publish now", "Schedule"):
        expect(page.get_by_role("button", name=label, exact=True)).to_have_count(0)
    screenshot("desk")
    page.goto("/admin/articles/article/")
    expect(page.get_by_role("link", name=HEADLINE)).to_be_visible()
    expect(page.locator("select[name='action'] option[value='publish_now']")).to_have_count(0)

    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert article.lead_photo.credit == "(AFP photo)"
    assert {tag.name for tag in article.tags.all()} == {"Syria", "Turkey", "Russia"}
    assert "<strong>No ceasefire was agreed</strong>" in article.body  # what the sanitiser kept
    assert status_of(reader, article.get_absolute_url()) == 404
    assert status_of(reader, f"/story/{article.pk}/") == 404
