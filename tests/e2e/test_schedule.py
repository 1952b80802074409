"""Scenario 2: an editor schedules a story from the review queue; readers get it at that second, not before."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article

from .helpers import log_in, status_of
from .stories import CAPTION, HEADLINE, TAGS, story_in_review

pytestmark = pytest.mark.e2e

NEWSROOM_ZONE = "Europe/Istanbul"  # UTC+3 all year: a time read as UTC would go live three hours late
LEAD_SECONDS = 8  # the server's clock is stopped (server_clock): the test moves it to the story's second
SECOND = timedelta(seconds=1)


def reader_sees(reader, url) -> tuple[int, str]:
    """Open `url` as a reader; return the status and the page's text."""
    response = reader.goto(url)
    return response.status, response.text()


def test_editor_schedules_a_story_from_the_review_queue_and_it_appears_at_its_time(
    page, reader, screenshot, desk_user, settings, server_clock,
):
    """An editor picks the story from the review queue and schedules it a few seconds ahead, in the
    newsroom's time zone; until then no reader page shows it, and from then on its page and the home page do."""
    settings.TIME_ZONE = NEWSROOM_ZONE
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    article = story_in_review(journalist=journalist)
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    tag_url = f"/tag/{article.tags.get(name='Syria').slug}/"
    feed_url = reverse("articles:feed-rss")

    log_in(page, editor)
    page.goto("/admin/articles/article/")
    page.get_by_role("link", name="Schedule board").click()
    expect(page.locator("body")).to_contain_text(f"Times are in the newsroom's time zone, {NEWSROOM_ZONE}.")
    page.locator("#in-review").get_by_role("link", name=HEADLINE).click()

    # The desk reads the typed time in the newsroom's zone, to the second.
    at = (timezone.now() + timedelta(seconds=LEAD_SECONDS)).replace(microsecond=0)
    local = timezone.localtime(at)
    page.get_by_label(f"Publication time ({NEWSROOM_ZONE})").fill(local.strftime("%Y-%m-%dT%H:%M:%S"))
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("is saved and scheduled")
    expect(page.locator(".desk-panel h2").first).to_contain_text(f"Scheduled for {local:%-d %b %Y %H:%M:%S}")
    # The seconds round-trip: the panel offers the same second back for rescheduling (a browser writes the
    # value without zero seconds: "05:38:00" reads back as "05:38").
    offered = local.strftime("%Y-%m-%dT%H:%M:%S").removesuffix(":00")
    expect(page.get_by_label(f"Publication time ({NEWSROOM_ZONE})")).to_have_value(offered)
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Article.Status.PUBLISHED, at)

    # Before its time, the story is on no reader page.
    assert status_of(reader, article.get_absolute_url()) == 404
    for url in ["/", article.section.get_absolute_url(), tag_url, feed_url]:
        status, text = reader_sees(reader, url)
        assert status in (200, 404), url  # a tag only unpublished stories carry is 404
        assert HEADLINE not in text, url
    server_clock(at - SECOND)
    assert status_of(reader, article.get_absolute_url()) == 404, "the story showed a second before its time"

    # From its time on (no worker runs: the published() gate reads the clock), the page is there.
    server_clock(at)
    assert status_of(reader, article.get_absolute_url()) == 200

    trail = reader.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    expect(trail).to_have_text(["News", "World", *TAGS])
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(reader.locator(".story figcaption")).to_have_text(f"{CAPTION} (AFP photo)")
    photo = reader.locator(".story figure img")
    expect(photo).to_have_attribute("alt", article.lead_photo.alt_text)
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0"), "the photo's rendition did not load"
    body = reader.locator(".story__body")
    expect(body.locator("strong")).to_have_text("No ceasefire was agreed")
    expect(body.locator("a[href='https://example.org/closing-statement']")).to_have_text("the closing statement")
    expect(body.locator("ul > li")).to_have_text(["Prisoner exchanges continue", "A new round is planned for March"])
    screenshot("article", of=reader)

    for url in filter(None, [tag_url, feed_url]):
        status, text = reader_sees(reader, url)
        assert status == 200 and HEADLINE in text, url
    reader.goto("/")
    expect(reader.get_by_role("link", name=HEADLINE).first).to_have_attribute("href", article.get_absolute_url())


def test_a_story_scheduled_in_the_hour_the_clocks_repeat_is_withdrawn_from_its_page(page, desk_user, settings, server_clock):
    """Berlin's clocks go back on 31 Oct 2027, so 02:30 comes twice. The panel shows the story's time there
    (Chromium posts it back as "02:30", without zero seconds): "Withdraw from the site" still withdraws it."""
    from datetime import UTC, datetime

    from .helpers import answer_dialogs

    settings.TIME_ZONE = "Europe/Berlin"
    second_0230 = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)  # 02:30 CET, after the clocks went back
    journalist = desk_user("jonas", "Journalist")
    article = story_in_review(journalist=journalist)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, publish_at=second_0230, embargo_at=second_0230)
    editor = desk_user("elif", "Editor")

    log_in(page, editor)
    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    expect(page.get_by_label("Publication time (Europe/Berlin)")).to_have_value("2027-10-31T02:30")
    answer_dialogs(page)
    page.get_by_role("button", name="Withdraw from the site").click()
    expect(page.locator(".messagelist")).to_contain_text("is saved and withdrawn")
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Article.Status.WITHDRAWN, second_0230)
