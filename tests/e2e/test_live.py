"""A reader's open page of a live story receives new entries and an edit without a reload, in order,
keeping the reader's place: scrolled down, new entries wait behind an "N new updates" button."""
import pytest
from playwright.sync_api import expect

from live import services
from tests.factories import ArticleFactory

pytestmark = pytest.mark.e2e

ARRIVAL_MS = 20_000  # a poll every 3 s, head.json kept 3 s by the browser: well within this


def test_a_readers_page_receives_three_entries_and_an_edit_in_order_keeping_its_scroll(reader, desk_user, screenshot):
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = ArticleFactory(published=True, headline="Floods: live updates", slug="floods-live")
    coverage = services.coverage_start(article=article, by=editor)
    first = services.entry_create(coverage=coverage, by=editor, body="River levels rising in the old town.")
    for n in range(12):
        services.entry_create(coverage=coverage, by=editor, body=f"Earlier update {n}.\n\nMore detail from the scene.")
    errors = []
    # Chromium asks for /favicon.ico on its own (the site has none): that 404 is no error of the page's.
    reader.on("console", lambda message: errors.append(message.text)
              if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico") else None)
    reader.on("pageerror", lambda error: errors.append(str(error)))

    reader.goto(article.get_absolute_url())
    reader.locator(f"#entry-{first.pk}").scroll_into_view_if_needed()  # the oldest entry, far down the list
    scroll = reader.evaluate("window.scrollY")
    place = reader.locator(f"#entry-{first.pk}").evaluate("node => node.getBoundingClientRect().top")
    assert scroll > 0

    new = [services.entry_create(coverage=coverage, by=editor, body=f"New update {n}.") for n in (1, 2, 3)]
    services.entry_edit(entry=first, by=editor, body="River levels rising in the old town; the bridge is closed.")

    expect(reader.get_by_role("button", name="3 new updates")).to_be_visible(timeout=ARRIVAL_MS)
    expect(reader.locator(f"#entry-{first.pk}")).to_contain_text("the bridge is closed", timeout=ARRIVAL_MS)
    assert reader.evaluate("window.scrollY") == scroll, "the reader's place moved"
    assert reader.locator(f"#entry-{first.pk}").evaluate("node => node.getBoundingClientRect().top") == place
    screenshot("waiting")

    reader.get_by_role("button", name="3 new updates").click()
    ids = reader.locator("[data-live-list] > article").evaluate_all("nodes => nodes.map(node => node.id)")
    assert ids[:3] == [f"entry-{entry.pk}" for entry in reversed(new)]  # newest first, above the 13 there were
    assert len(ids) == 16 and ids[-1] == f"entry-{first.pk}"
    expect(reader.get_by_role("button", name="3 new updates")).to_be_hidden()
    screenshot("shown")
    assert errors == []
