"""Live coverage in the browser: a reader's open page receives new entries and an edit without a reload, in
order, keeping the reader's place (scrolled down, new entries wait behind an "N new updates" button) and telling
screen readers; an editor's entry sent with Ctrl+Enter from the desk's composer reaches an open page."""
import pytest
from playwright.sync_api import expect

from live import services
from live.models import LiveEntry
from tests.factories import ArticleFactory

from .helpers import log_in

pytestmark = pytest.mark.e2e

ARRIVAL_MS = 20_000  # a poll every 3 s, head.json kept 3 s by the browser: well within this


def test_a_readers_page_receives_three_entries_an_edit_a_tombstone_and_a_pin_keeping_its_place(reader, desk_user, screenshot):
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = ArticleFactory(published=True, headline="Floods: live updates", slug="floods-live")
    coverage = services.coverage_start(article=article, by=editor)
    first = services.entry_create(coverage=coverage, by=editor, body="River levels rising in the old town.")
    earlier = [services.entry_create(coverage=coverage, by=editor, body=f"Earlier update {n}.\n\nMore detail from the scene.")
               for n in range(12)]
    errors = []
    # Chromium asks for /favicon.ico on its own (the site has none): that 404 is no error of the page's.
    reader.on("console", lambda message: errors.append(message.text)
              if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico") else None)
    reader.on("pageerror", lambda error: errors.append(str(error)))

    reader.goto(article.get_absolute_url())
    # Every change of the status region's text, which a screen reader reads out: once per news, not per poll.
    reader.evaluate("""() => { window.announced = [];
        const status = document.querySelector('[role=status]');
        new MutationObserver(() => window.announced.push(status.textContent))
            .observe(status, {childList: true, characterData: true, subtree: true}); }""")
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

    services.entry_delete(entry=earlier[0], by=editor)  # a tombstone: gone from the open page too
    services.entry_pin(entry=earlier[1], by=editor)
    expect(reader.locator(f"#entry-{earlier[0].pk}")).to_have_count(0, timeout=ARRIVAL_MS)
    expect(reader.locator("[data-live-pinned] article")).to_contain_text("Earlier update 1.", timeout=ARRIVAL_MS)
    expect(reader.locator("[data-live-pinned] .live-entry__meta a")).to_have_attribute("href", earlier[1].get_absolute_url())
    # Both changed the page above the reader: Chromium's scroll anchoring keeps the entry they are reading
    # where it was (the scroll offset follows, to the pixel it can).
    assert abs(reader.locator(f"#entry-{first.pk}").evaluate("node => node.getBoundingClientRect().top") - place) < 1
    screenshot("waiting")

    expect(reader.get_by_role("status")).to_have_text("3 new updates waiting")
    reader.get_by_role("button", name="3 new updates").press("Enter")
    # The button hides itself: the keyboard's focus goes to the newest entry, not back to the page's start.
    assert reader.evaluate("document.activeElement.id") == f"entry-{new[-1].pk}"
    ids = reader.locator("[data-live-list] > article").evaluate_all("nodes => nodes.map(node => node.id)")
    assert ids[:3] == [f"entry-{entry.pk}" for entry in reversed(new)]  # newest first, above the 13 there were
    assert len(ids) == 15 and ids[-1] == f"entry-{first.pk}"  # 13 there were, 3 new, 1 tombstone
    expect(reader.get_by_role("button", name="3 new updates")).to_be_hidden()
    screenshot("shown")
    services.coverage_end(coverage=coverage, by=editor)
    expect(reader.get_by_role("status")).to_have_text("Live coverage has ended", timeout=ARRIVAL_MS)
    announced = reader.evaluate("window.announced")
    assert announced[-1] == "Live coverage has ended" and announced[-2] == "3 new updates waiting"
    assert len(announced) == len(set(announced)), announced  # many polls passed meanwhile
    assert errors == []


def test_an_editor_publishes_with_ctrl_enter_and_the_open_page_shows_it(page, reader, desk_user):
    """The composer on the desk: typed, sent with Ctrl+Enter, on a reader's open page within the poll interval."""
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = ArticleFactory(published=True, headline="Election night: live", slug="election-live")
    coverage = services.coverage_start(article=article, by=editor)
    reader.goto(article.get_absolute_url())
    expect(reader.get_by_text("No updates yet.")).to_be_visible()

    log_in(page, editor)
    page.goto(f"/admin/live/livecoverage/{coverage.pk}/change/")
    text = page.get_by_label("Text")
    text.fill("Turnout is up four points")
    headline = page.get_by_label("Headline (optional)")
    headline.fill("First results in")
    # A slip of the key in the headline sends nothing (it published the unfinished entry): the entry goes with
    # Ctrl+Enter. Enter's default is taken away; a real Enter, then, sends nothing the text's Ctrl+Enter would not.
    assert headline.evaluate("""(box) => !box.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true,
                                                                                        cancelable: true}))""")
    headline.press("Enter")
    text.fill("Turnout is up four points on the last election.")
    text.press("Control+Enter")
    expect(page.get_by_text("Entry published.")).to_be_visible()
    assert [entry.body for entry in LiveEntry.objects.all()] == ["<p>Turnout is up four points on the last election.</p>"]

    entry = reader.locator("[data-live-list] > article").first
    expect(entry).to_contain_text("Turnout is up four points", timeout=ARRIVAL_MS)  # at the top: no button needed
    expect(entry.get_by_role("heading", name="First results in")).to_be_visible()
    expect(reader.get_by_role("status")).to_have_text("1 new update added at the top")
    expect(reader.get_by_text("No updates yet.")).to_have_count(0)


def test_an_entry_scheduled_and_pinned_goes_into_the_open_pages_pinned_box_when_it_goes_out(reader, desk_user):
    """A summary scheduled a few seconds ahead and pinned at once; the desk carries on meanwhile, so the pin's
    change number is behind the page's by the time the summary goes out."""
    from datetime import timedelta

    from django.utils import timezone

    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = ArticleFactory(published=True, headline="Floods: live updates", slug="floods-live")
    coverage = services.coverage_start(article=article, by=editor)
    services.entry_create(coverage=coverage, by=editor, body="River levels rising in the old town.")
    at = timezone.now().replace(microsecond=0) + timedelta(seconds=4)
    summary = services.entry_create(coverage=coverage, by=editor, body="Summary: what we know so far.", at=at)
    services.entry_pin(entry=summary, by=editor)
    services.entry_create(coverage=coverage, by=editor, body="Bridge closed.")
    reader.goto(article.get_absolute_url())
    expect(reader.locator("[data-live-pinned] article")).to_have_count(0)
    expect(reader.locator(f"#entry-{summary.pk}")).to_have_count(1, timeout=ARRIVAL_MS)
    expect(reader.locator("[data-live-pinned] article")).to_contain_text("Summary: what we know so far.")
