"""What pages say about domains: canonical links to the primary, relative links, the footer."""
import re

import pytest

from domains.models import Domain, SiteSettings
from tests.factories import PRIMARY, ArticleFactory, DomainFactory, PlatformLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db

FOOTER_LINE = "can also be accessed at the following alternate addresses:"


def page(client, path="/", host=PRIMARY, **extra):
    response = client.get(path, HTTP_HOST=host, **extra)
    assert response.status_code == 200
    return response.content.decode()


def footer(content):
    return content.split('<footer class="site-footer">', 1)[1]


def alternates_in(content):
    return re.findall(r"<li>([^<]+)</li>", footer(content))


@pytest.fixture
def story(mirrors):
    return ArticleFactory(published=True, section=SectionFactory(slug="news", name="News"), slug="a-story")


class TestCanonical:
    def test_canonical_and_og_url_on_a_mirror_name_the_primary(self, client, story):
        content = page(client, story.get_absolute_url(), host="mirror2.newsroom.example")
        url = f"http://{PRIMARY}{story.get_absolute_url()}"
        assert f'<link rel="canonical" href="{url}">' in content
        assert f'<meta property="og:url" content="{url}">' in content

    @pytest.mark.parametrize("path", ["/", "/section/news/"])
    def test_every_page_has_a_canonical_link(self, client, story, path):
        assert f'<link rel="canonical" href="http://{PRIMARY}{path}">' in page(client, path, host="mirror1.newsroom.example")

    def test_canonical_uses_the_request_scheme(self, client, story):
        content = page(client, "/", host="mirror1.newsroom.example", secure=True)
        assert f'<link rel="canonical" href="https://{PRIMARY}/">' in content

    def test_canonical_keeps_the_page_number_and_drops_other_parameters(self, client, story):
        ArticleFactory.create_batch(13, published=True, section=story.section)
        content = page(client, "/section/news/?page=2&utm_source=mail", host="mirror1.newsroom.example")
        assert f'<link rel="canonical" href="http://{PRIMARY}/section/news/?page=2">' in content
        content = page(client, "/section/news/?page=1", host="mirror1.newsroom.example")
        assert f'<link rel="canonical" href="http://{PRIMARY}/section/news/">' in content

    @pytest.mark.parametrize("path", ["/section/news/", "/tag/wire/"])
    def test_canonical_of_the_last_page_names_its_number(self, client, settings, story, path):
        """?page=last shows the last page: the canonical names it, not page 1."""
        story.tags.add("Wire")
        ArticleFactory.create_batch(settings.ARTICLES_PER_PAGE, published=True, section=story.section, tags=["Wire"])
        content = page(client, f"{path}?page=last", host="mirror1.newsroom.example")
        assert "Page 2 of 2" in content
        assert f'<link rel="canonical" href="http://{PRIMARY}{path}?page=2">' in content

    def test_raw_host_spelling_never_reaches_the_page(self, client, story):
        content = page(client, story.get_absolute_url(), host="MIRROR1.Newsroom.Example:8080")
        assert "8080" not in content
        assert "MIRROR1" not in content and "Newsroom.Example" not in content

    def test_links_on_a_mirror_are_relative(self, client, story):
        content = page(client, "/", host="mirror3.newsroom.example")
        hrefs = re.findall(r'(?:href|src)="([^"]+)"', content.split("</head>", 1)[1])
        assert hrefs
        assert [href for href in hrefs if not href.startswith(("/", "#", "?"))] == []

    def test_preview_of_an_unpublished_story_works_on_a_mirror(self, editor_client, mirrors):
        draft = ArticleFactory(headline="Embargoed scoop")
        content = page(editor_client, draft.get_absolute_url(), host="mirror1.newsroom.example")
        assert "Preview — not published" in content and "Embargoed scoop" in content

    def test_unpublished_story_is_404_to_readers_on_a_mirror(self, client, mirrors):
        draft = ArticleFactory()
        assert client.get(draft.get_absolute_url(), HTTP_HOST="mirror1.newsroom.example").status_code == 404


class TestFooter:
    def test_footer_lists_exactly_the_active_mirrors_in_order(self, client, mirrors):
        DomainFactory(hostname="off.newsroom.example", is_active=False, position=0)
        DomainFactory(hostname="retired.newsroom.example", mode=Domain.Mode.REDIRECT, position=0)
        content = page(client, host="mirror3.newsroom.example")
        assert FOOTER_LINE in footer(content)
        assert alternates_in(content) == [
            "mirror1.newsroom.example", "mirror2.newsroom.example", "mirror3.newsroom.example",
        ]

    def test_footer_follows_a_new_position_and_a_deactivation(self, client, mirrors):
        first, second, third = sorted(Domain.objects.filter(is_primary=False), key=lambda d: d.position)
        third.position = 0
        third.save()
        second.is_active = False
        second.save()
        assert alternates_in(page(client)) == [third.hostname, first.hostname]

    def test_footer_names_the_site(self, client, mirrors):
        assert f"The Newsroom’s website {FOOTER_LINE}" in page(client)

    def test_footer_has_no_alternates_line_without_mirrors(self, client, primary):
        assert FOOTER_LINE not in page(client)

    def test_footer_lists_the_platform_links(self, client, mirrors):
        PlatformLinkFactory(label="Newsroom TV app", url="https://tv.newsroom.example/", position=2)
        PlatformLinkFactory(label="Radio", url="https://radio.newsroom.example/", position=1)
        content = footer(page(client, host="mirror1.newsroom.example"))
        assert content.index("Radio") < content.index("Newsroom TV app")
        assert '<a href="https://tv.newsroom.example/" rel="noopener">Newsroom TV app</a>' in content

    def test_footer_is_on_the_404_page_too(self, client, mirrors):
        response = client.get("/no-such-page/", HTTP_HOST="mirror1.newsroom.example")
        assert response.status_code == 404
        assert FOOTER_LINE in response.content.decode()

    def test_footer_costs_no_query(self, client, mirrors, story, django_assert_max_num_queries):
        """Mirrors and links come from the cached domain table: more of them cost nothing."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        page(client)
        with CaptureQueriesContext(connection) as queries:
            page(client)
        steady = len(queries)  # read now: the next request clears the connection's query log
        for index in range(10):
            DomainFactory(hostname=f"extra{index}.newsroom.example")
            PlatformLinkFactory(label=f"App {index}")
        page(client)  # reloads the table once after the saves
        with django_assert_max_num_queries(steady):
            page(client)


class TestSiteName:
    def test_site_name_comes_from_the_site_settings(self, client, primary):
        SiteSettings.objects.create(site_name="Daily Selvanik")
        content = page(client)
        assert "<title>Daily Selvanik · Latest news</title>" in content
        assert '<a class="masthead__name" href="/">Daily Selvanik</a>' in content

    def test_site_name_falls_back_to_the_setting(self, client, primary, settings):
        settings.SITE_NAME = "Fallback Gazette"
        SiteSettings.objects.create(site_name="")
        assert "<title>Fallback Gazette · Latest news</title>" in page(client)


class TestLocalRun:
    """Under `make run` (LOCAL_SITE_URL), absolute links name the address the demo is served on."""

    LOCAL = "http://127.0.0.1:8000"

    def test_canonical_feed_sitemap_and_preview_links_name_the_local_address(self, client, editor, story, settings):
        from desk.services import preview_link_create
        from domains.absolute_urls import canonical_url

        settings.LOCAL_SITE_URL = self.LOCAL
        content = page(client, story.get_absolute_url(), host="127.0.0.1:8000")
        assert f'<link rel="canonical" href="{self.LOCAL}{story.get_absolute_url()}">' in content
        assert f"<link>{self.LOCAL}{story.get_absolute_url()}</link>" in page(client, "/feed/rss/", host="127.0.0.1:8000")
        assert f"<loc>{self.LOCAL}{story.get_absolute_url()}</loc>" in page(client, "/sitemap-news.xml", host="127.0.0.1:8000")
        link = preview_link_create(article=story, by=editor)
        assert canonical_url(link.get_absolute_url()).startswith(f"{self.LOCAL}/preview/")
        assert PRIMARY not in content.split("<body", 1)[0]

    def test_without_it_links_name_the_primary_domain(self, client, story, settings):
        settings.LOCAL_SITE_URL = ""
        content = page(client, story.get_absolute_url(), host="127.0.0.1:8000")
        assert f'<link rel="canonical" href="http://{PRIMARY}{story.get_absolute_url()}">' in content
