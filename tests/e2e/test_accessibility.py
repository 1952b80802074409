"""Scenario 5: axe-core finds no serious or critical accessibility problem on the reader pages."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from live import services as live_services
from tests.factories import AgencyFactory, AlertFactory, ArticleFactory, AssignmentFactory, PhotoFactory


pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}
# Django's own bug (admin/js/SelectFilter2.js, the alert's filter_horizontal boxes): the search icon beside each
# box is a <span> with an aria-label and no role, which ARIA forbids (axe's aria-prohibited-attr). Only that icon
# is let through, on the desk.
DJANGO_FILTER_ICON = ("aria-prohibited-attr", ".help-tooltip.search-label-icon")


def reader_pages() -> dict[str, str]:
    """The demo newsroom's pages to check: the reference story, with its photos, its section, and the live story
    with its older entries."""
    article = Article.objects.published().get(slug="turkey-russia-open-ceasefire-talks-northern-syria")
    live = Article.objects.published().get(slug="storm-brenna-live-coast-flooding")
    return {
        "home": "/", "article": article.get_absolute_url(), "section": article.section.get_absolute_url(),
        "live": live.get_absolute_url(),  # entries, the pinned summary, the breaking-news banner
        "live-older": f"{reverse('live:older', kwargs={'pk': live.pk})}?before=3",
        "search": f"{reverse('articles:search')}?q=ceasefire",
    }


def describe(violations) -> str:
    return "\n".join(
        f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})\n"
        + "\n".join(f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"])
        for violation in violations
    )


def test_reader_pages_have_no_serious_or_critical_accessibility_violations(reader, screenshot):
    """Home, a story, a section, search and a live story's pages pass axe-core without serious or critical
    findings, and keep their heading levels in order."""
    call_command("seed_demo", verbosity=0)
    axe = Axe()
    found = {}
    # Nothing on a reader page may log an error in the console: no 404 (the icon), no CSP refusal.
    console_errors = []
    reader.on("console", lambda message: message.type == "error" and console_errors.append(f"{reader.url}: {message.text}"))
    reader.on("pageerror", lambda error: console_errors.append(f"{reader.url}: {error}"))
    for name, url in reader_pages().items():
        assert reader.goto(url).status == 200, url
        reader.wait_for_load_state("networkidle")
        results = axe.run(reader).response
        assert results["passes"], f"axe-core did not run on {url}"
        # Heading order too (moderate to axe): screen-reader users move through a page by its headings.
        violations = [v for v in results["violations"] if v["impact"] in BLOCKING or v["id"] == "heading-order"]
        screenshot(name, of=reader)
        if violations:
            found[url] = describe(violations)
    assert not found, "\n\n".join(f"{url}\n{report}" for url, report in found.items())
    assert console_errors == []


def test_desk_pages_have_no_serious_or_critical_accessibility_violations(page, desk_user, screenshot):
    """The story form (new, and with its desk panel, a note quoting the body and an autosaved copy on offer),
    the story list, the schedule board, the revisions page, the live composer and an entry's edit page, the alert
    form, an assignment, the planning board and the tags' merge page pass axe-core without serious or critical findings."""
    from desk.autosave import autosave_store
    from django.http import QueryDict
    from notes.services import note_add

    from .helpers import body_editor, log_in
    from .stories import story_in_review

    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story_in_review(journalist=desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor"))
    autosave_store(user=editor, article=article, data=QueryDict("headline=Unsaved"))
    note_add(article=article, by=editor, text="Who said so?", field="body", quote="No ceasefire was agreed")
    coverage = live_services.coverage_start(article=ArticleFactory(published=True), by=editor)
    entry = live_services.entry_create(coverage=coverage, by=editor, body="Roads closed along the coast.")
    assignment = AssignmentFactory(assignees=[editor])
    Tag.objects.create(name="Ports")
    log_in(page, editor)
    page.goto("/admin/taggit/tag/")  # "Merge selected tags" keeps the tags chosen in the session, for the merge page
    page.get_by_role("checkbox", name="Select this object for an action - Ports").check()
    page.locator("select[name='action']").select_option("render_tag_form")
    page.locator("button[name='index']").click()  # Django's "Go"
    page.wait_for_url("**/merge-tags/")
    axe = Axe()
    found = {}
    pages = {
        "add": "/admin/articles/article/add/",
        "change": f"/admin/articles/article/{article.pk}/change/",
        "list": "/admin/articles/article/",
        "board": "/admin/articles/article/schedule/",
        "revisions": f"/admin/articles/article/{article.pk}/revisions/",
        "composer": f"/admin/live/livecoverage/{coverage.pk}/change/",
        "entry-edit": f"/admin/live/livecoverage/{coverage.pk}/entry/{entry.pk}/edit/",
        "alert": "/admin/live/alert/add/",
        "assignment": f"/admin/planning/assignment/{assignment.pk}/change/",
        "planning-board": "/admin/planning/assignment/board/",
        "merge-tags": "/admin/taggit/tag/merge-tags/",
    }
    for name, url in pages.items():
        assert page.goto(url).status == 200, url
        if name in ("add", "change"):
            body_editor(page)  # checked as a writer meets it: with the editor ready
        violations = [
            {**v, "nodes": [node for node in v["nodes"] if (v["id"], node["target"][-1].split(" > ")[-1]) != DJANGO_FILTER_ICON]}
            for v in axe.run(page).response["violations"] if v["impact"] in BLOCKING
        ]
        violations = [v for v in violations if v["nodes"]]
        screenshot(f"desk-{name}")
        if violations:
            found[url] = describe(violations)
    assert not found, "\n\n".join(f"{url}\n{report}" for url, report in found.items())


def test_reader_links_are_touch_targets_of_at_least_24_pixels_on_a_phone(new_context):
    """The trail and tag links, the menu, card kickers, footer and pagination links measure at least 24×24."""
    call_command("seed_demo", verbosity=0)
    phone = new_context(has_touch=True).new_page()
    phone.set_viewport_size({"width": 375, "height": 740})
    small = []
    for url in reader_pages().values():
        phone.goto(url)
        sizes = phone.locator(
            ".trail a, .masthead__nav a, .card__section a, .site-footer a, .pagination a, .listing__title a"
        ).evaluate_all("links => links.map(link => [link.textContent.trim(), link.getBoundingClientRect().width, link.getBoundingClientRect().height])")
        small += [(url, text, width, height) for text, width, height in sizes if width < 24 or height < 24]
    assert small == []


def test_the_breaking_news_banners_link_shows_its_keyboard_focus(reader):
    """The focus ring on the banner's link is white: the site's red ring vanished on the banner's red (1:1)."""
    AlertFactory(article=ArticleFactory(published=True), headline="Strong earthquake hits the coast")
    reader.goto("/")
    link = reader.locator(".alerts__alert a")
    link.focus()
    reader.keyboard.press("Shift+Tab")
    reader.keyboard.press("Tab")  # focused from the keyboard, as :focus-visible asks
    assert link.evaluate("link => link === document.activeElement && link.matches(':focus-visible')")
    outline = link.evaluate("link => getComputedStyle(link).outlineColor")
    banner = reader.locator(".alerts").evaluate("banner => getComputedStyle(banner).backgroundColor")
    assert (outline, banner) == ("rgb(255, 255, 255)", "rgb(163, 18, 15)")


def test_a_long_photo_credit_wraps_on_a_320_pixel_screen_and_a_short_one_stays_on_one_line(new_context):
    """A story reflows at 320 CSS pixels (WCAG 1.4.10) whatever its credit; "(AFP photo)" is not split."""
    afp = AgencyFactory(short_name="AFP", name="Agence France-Presse")
    long_credit = ArticleFactory(published=True, lead_photo=PhotoFactory(agency=afp, photographer="Jean-Christophe Verhaegen"))
    short_credit = ArticleFactory(published=True, lead_photo=PhotoFactory(agency=afp))
    phone = new_context().new_page()
    phone.set_viewport_size({"width": 320, "height": 640})
    for article in (long_credit, short_credit):
        phone.goto(article.get_absolute_url())
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320, article.lead_photo.credit
    lines = phone.locator(".figure__credit").evaluate(
        "credit => credit.getBoundingClientRect().height / parseFloat(getComputedStyle(credit).lineHeight)")
    assert round(lines) == 1
