"""Sitemaps and robots.txt: the index, per-section sitemaps with lastmod, the Google News sitemap."""
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from desk.services import article_withdraw
from serving.pagecache import STATUS_HEADER
from tests.articles.reader import NS, sitemap_index, sitemap_index_lastmods, sitemap_urls
from tests.factories import ArticleFactory, CorrectionFactory, SectionFactory

NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def politics(db):
    return SectionFactory(slug="politics", name="Politics")


def live(section, hours_ago=1, **kwargs):
    return ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=hours_ago), section=section, **kwargs)


@pytest.mark.django_db
def test_index_lists_pages_news_and_each_section_with_live_stories(client, frozen, politics):
    live(politics)
    live(SectionFactory(slug="sport"))
    SectionFactory(slug="empty")
    assert sitemap_index(client) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-news.xml",
        "http://testserver/sitemap-section-politics.xml",
        "http://testserver/sitemap-section-sport.xml",
    ]


@pytest.mark.django_db
def test_section_sitemap_lists_its_stories_with_their_update_time(client, frozen, time_machine, politics):
    """lastmod is the story's last change: a save, or a later correction."""
    saved = live(politics, hours_ago=3)
    corrected = live(politics, hours_ago=2)
    live(SectionFactory(slug="sport"))
    time_machine.move_to(NOW + timedelta(minutes=30), tick=False)
    correction = CorrectionFactory(article=corrected)
    urls = {url["loc"]: datetime.fromisoformat(url["lastmod"]) for url in sitemap_urls(client, "/sitemap-section-politics.xml")}
    assert urls == {
        f"http://testserver{saved.get_absolute_url()}": saved.updated_at,
        f"http://testserver{corrected.get_absolute_url()}": correction.created_at,
    }
    lastmods = sitemap_index_lastmods(client)
    assert datetime.fromisoformat(lastmods["http://testserver/sitemap-section-politics.xml"]) == correction.created_at


@pytest.mark.django_db
def test_pages_sitemap_lists_the_front_page_and_sections(client, frozen, politics):
    live(politics)
    assert [url["loc"] for url in sitemap_urls(client, "/sitemap-pages.xml")] == [
        "http://testserver/", "http://testserver/section/politics/"]


@pytest.mark.django_db
def test_news_sitemap_has_the_last_48_hours_with_publication_title_and_date(client, frozen, settings, politics):
    """Stories from the last 48 hours, each with publication name and language, title and publication date."""
    settings.SITE_NAME = "Daily Example"
    settings.LANGUAGE_CODE = "en-gb"
    inside = live(politics, hours_ago=47, headline="Talks <resume> & continue")
    edge = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=48), section=politics)
    outside = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=48, seconds=1), section=politics)
    urls = {url["loc"]: url["news"] for url in sitemap_urls(client, "/sitemap-news.xml")}
    assert set(urls) == {f"http://testserver{inside.get_absolute_url()}", f"http://testserver{edge.get_absolute_url()}"}
    assert f"http://testserver{outside.get_absolute_url()}" not in urls
    news = urls[f"http://testserver{inside.get_absolute_url()}"]
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Daily Example"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Talks <resume> & continue"
    assert datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS)) == inside.publish_at


@pytest.mark.django_db
def test_sitemaps_name_the_host_the_request_came_on(client, frozen, settings, politics, mirror_domain):
    """A mirror's sitemaps list mirror URLs."""
    story = live(politics)
    assert all(loc.startswith("http://mirror.example/") for loc in sitemap_index(client, HTTP_HOST="mirror.example"))
    assert [url["loc"] for url in sitemap_urls(client, "/sitemap-section-politics.xml", HTTP_HOST="mirror.example")] == [
        f"http://mirror.example{story.get_absolute_url()}"]


@pytest.mark.django_db
def test_unknown_sitemap_is_404(client, frozen):
    assert client.get("/sitemap-section-nowhere.xml").status_code == 404
    assert client.get("/sitemap-anything.xml").status_code == 404


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemaps_and_never_names_the_desk(client, settings, mirror_domain):
    """The desk's address is configurable so scanners don't find it: robots.txt must not publish it."""
    settings.ADMIN_PATH = "desk-7f3a/"
    response = client.get("/robots.txt", HTTP_HOST="mirror.example")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    lines = text.splitlines()
    assert "User-agent: *" in lines
    assert "admin" not in text and "desk-7f3a" not in text
    assert "Sitemap: http://mirror.example/sitemap.xml" in lines
    assert "Sitemap: http://mirror.example/sitemap-news.xml" in lines


@pytest.mark.django_db
def test_robots_txt_answers_head_before_it_is_cached_as_after(client):
    """Crawlers and uptime checks probe robots.txt with HEAD: a 405 until a GET had cached it."""
    cold = client.head("/robots.txt")
    client.get("/robots.txt")
    assert (cold.status_code, client.head("/robots.txt").status_code) == (200, 200)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-section-politics.xml", "/sitemap-news.xml", "/sitemap-pages.xml"])
def test_sitemap_query_count_does_not_grow_with_stories(
    client, frozen, politics, url, django_assert_max_num_queries, warm_domains, django_capture_on_commit_callbacks,
):
    """3 stories or 30 (in the same sections): the same number of queries. The stories' commit purges the cached
    sitemaps: without it, the second count was a cache hit's, and held nothing."""
    sport = SectionFactory(slug="sport")

    def add(count):
        for index in range(count):
            CorrectionFactory(article=live(politics if index % 2 else sport, tags=["Syria"]))

    add(3)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        add(27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url)[STATUS_HEADER] == "miss"


@pytest.mark.django_db
def test_the_index_query_count_does_not_grow_with_sections(
    client, frozen, django_assert_max_num_queries, warm_domains, django_capture_on_commit_callbacks,
):
    """3 sections with stories or 30: the same queries (each section's count and lastmod were two queries of their
    own: 65 for 30 sections; found by a reviewer), and the same lastmods as each section's own sitemap reads."""
    def add(first, count):
        for index in range(first, first + count):
            CorrectionFactory(article=live(SectionFactory(slug=f"desk-{index}"), hours_ago=index + 1))

    add(0, 3)
    with django_assert_max_num_queries(8) as small:
        assert client.get("/sitemap.xml").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the stories' commit purges the cached index
        add(3, 27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        lastmods = sitemap_index_lastmods(client)
    assert len(lastmods) == 32  # pages, news and the 30 sections
    for index in (0, 29):
        story = Article.objects.get(section__slug=f"desk-{index}")
        assert datetime.fromisoformat(lastmods[f"http://testserver/sitemap-section-desk-{index}.xml"]) == story.modified_at


@pytest.mark.django_db
def test_lastmod_of_a_story_saved_before_its_publication_is_its_publication_time(client, time_machine, politics):
    """Scheduled at 10:00 for 12:00: the news sitemap's lastmod is not earlier than its publication date."""
    time_machine.move_to(NOW - timedelta(hours=4), tick=False)
    story = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=2), section=politics)
    time_machine.move_to(NOW, tick=False)
    [url] = sitemap_urls(client, "/sitemap-news.xml")
    lastmod = datetime.fromisoformat(url["lastmod"])
    assert lastmod == datetime.fromisoformat(url["news"].findtext("news:publication_date", namespaces=NS)) == story.publish_at
    index_lastmods = [datetime.fromisoformat(moment) for moment in sitemap_index_lastmods(client).values() if moment]
    assert index_lastmods and all(moment >= story.publish_at for moment in index_lastmods)


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "language"), [
    ("fr", "fr"), ("pt-br", "pt"), ("zh-hans", "zh-cn"), ("zh-hant", "zh-tw"),
])
def test_the_news_sitemap_names_the_language_as_google_news_reads_it(client, frozen, settings, politics, code, language):
    """ISO 639, but Chinese as zh-cn or zh-tw: Django's own codes name the script (zh-hans, zh-hant)."""
    settings.LANGUAGE_CODE = code
    live(politics, hours_ago=1)
    [news] = [url["news"] for url in sitemap_urls(client, "/sitemap-news.xml")]
    assert news.findtext("news:publication/news:language", namespaces=NS) == language


@pytest.mark.django_db
@pytest.mark.parametrize("leaving", ["withdrawn", "expired"])
def test_the_index_dates_a_sitemap_whose_newest_story_left_at_its_leaving(client, time_machine, politics, editor, leaving):
    """The index's lastmod went back to the previous story's when a sitemap's newest was withdrawn or expired: a
    crawler holding a newer date never fetches the sitemap again, and keeps the story in its index."""
    time_machine.move_to(NOW - timedelta(hours=2), tick=False)
    live(politics, hours_ago=2)
    gone_at = NOW + timedelta(hours=2)
    time_machine.move_to(NOW - timedelta(hours=1), tick=False)
    newest = live(politics, hours_ago=1, unpublish_at=gone_at if leaving == "expired" else None)
    time_machine.move_to(NOW, tick=False)
    sitemaps = ["http://testserver/sitemap-news.xml", "http://testserver/sitemap-section-politics.xml"]
    before = sitemap_index_lastmods(client)
    assert [datetime.fromisoformat(before[name]) for name in sitemaps] == [newest.updated_at] * 2
    time_machine.move_to(gone_at, tick=False)
    if leaving == "withdrawn":
        article_withdraw(article=newest, by=editor)
    time_machine.move_to(gone_at + timedelta(hours=1), tick=False)
    after = sitemap_index_lastmods(client)
    assert [datetime.fromisoformat(after[name]) for name in sitemaps] == [gone_at] * 2, "lastmod went back"


@pytest.mark.django_db
def test_the_index_names_as_many_pages_of_a_section_sitemap_as_it_has(client, settings, time_machine, monkeypatch, politics):
    """A section over the sitemap limit (50,000; 2 here) is paged with ?p=: the index names each page from the
    count its grouped query read (ArticleSitemap.paginator's `pages.count = self.count`), and each page it names
    exists and holds the section's stories, none twice; a story scheduled for later or expired is not counted.
    Catches `pages.count = 1` (the index named page 1 only: page 2 never crawled), a count one too many (a page 3
    that answers 404), or the grouped query counting unpublished stories."""
    settings.PAGE_CACHE_ENABLED = False
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    stories = [ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW + timedelta(minutes=index), section=politics) for index in range(4)]
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW + timedelta(days=1), section=politics)  # for later
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(days=1), section=politics,
                   unpublish_at=NOW - timedelta(hours=1))  # expired
    time_machine.move_to(NOW + timedelta(hours=1), tick=False)
    base = "http://testserver/sitemap-section-politics.xml"
    assert [url for url in sitemap_index(client) if url.startswith(base)] == [base, f"{base}?p=2"]
    listed = [url["loc"] for page in (1, 2) for url in sitemap_urls(client, f"/sitemap-section-politics.xml?p={page}")]
    assert listed == [f"http://testserver{story.get_absolute_url()}" for story in reversed(stories)]
    assert client.get("/sitemap-section-politics.xml?p=3").status_code == 404
