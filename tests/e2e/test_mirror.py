"""Scenario 3: a reader on a mirror domain stays on the mirror; the page names the primary as canonical."""
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import DomainFactory

from .helpers import hosts_of_site_links
from .stories import HEADLINE, story

pytestmark = pytest.mark.e2e

PRIMARY = "newsroom.example"
MIRRORS = ["mirror1.newsroom.example", "mirror2.newsroom.example"]


def test_story_on_a_mirror_keeps_the_reader_on_the_mirror_and_names_the_primary(
    reader, screenshot, desk_user, live_server,
):
    """On mirror1 every link leads to mirror1, the canonical link and og:url name the primary domain,
    and the footer lists the alternate addresses."""
    DomainFactory(hostname=PRIMARY, is_primary=True, position=0)
    for position, hostname in enumerate(MIRRORS, start=1):
        DomainFactory(hostname=hostname, position=position)
    article = story(journalist=desk_user("jonas", "Journalist"), published=True)
    # Chromium maps the demo host names to 127.0.0.1 (conftest.CHROMIUM_ARGS): the live server answers.
    mirror = f"{MIRRORS[0]}:{urlsplit(live_server.url).port}"

    response = reader.goto(f"http://{mirror}{article.get_absolute_url()}")
    assert response.status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)

    assert hosts_of_site_links(reader) <= {"", mirror}, "a link leads off the mirror"
    images = reader.locator("img").evaluate_all("images => images.map(image => image.currentSrc)")
    assert images and all(urlsplit(src).netloc == mirror for src in images)
    canonical = f"http://{PRIMARY}{article.get_absolute_url()}"
    expect(reader.locator("link[rel='canonical']")).to_have_attribute("href", canonical)
    expect(reader.locator("meta[property='og:url']")).to_have_attribute("content", canonical)
    footer = reader.locator(".alternate-addresses")
    expect(footer).to_contain_text("can also be accessed at the following alternate addresses:")
    expect(footer.get_by_role("listitem")).to_have_text(MIRRORS)
    screenshot("article", of=reader)

    # Following the trail goes on being served by the mirror.
    reader.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="World").click()
    reader.wait_for_url(f"http://{mirror}/section/world/")
    expect(reader.get_by_role("link", name=HEADLINE)).to_be_visible()
    assert hosts_of_site_links(reader) <= {"", mirror}
    expect(reader.locator("link[rel='canonical']")).to_have_attribute("href", f"http://{PRIMARY}/section/world/")
