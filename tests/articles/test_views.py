"""Reader pages: what they show, in the newsroom's time zone, and what they cost in queries."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from tests.factories import ArticleFactory, SectionFactory, UserFactory


@pytest.fixture
def politics(db):
    news = SectionFactory(slug="news", name="News")
    return SectionFactory(slug="politics", name="Politics", parent=news)


@pytest.mark.django_db
def test_article_page_shows_trail_headline_standfirst_bylines_and_body(client, politics):
    """The reference anatomy: News / Politics / Syria / Turkey / Russia, then the story."""
    authors = [UserFactory(first_name="Ada", last_name="Ekwueme"), UserFactory(first_name="Bo", last_name="Lind")]
    article = ArticleFactory(
        published=True, section=politics, headline="Talks resume", standfirst="Envoys met again.",
        body="<p>First.</p><blockquote><p>Quote.</p></blockquote>", authors=authors,
    )
    for tag in ["Politics", "Syria", "Turkey", "Russia"]:
        article.tags.add(tag)
    content = client.get(article.get_absolute_url()).content.decode()
    trail = content.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    names = [chunk.split("</a>", 1)[0].rsplit(">", 1)[1] for chunk in trail.split("<li>")[1:]]
    # The tag that repeats the section is not shown twice; the others keep the desk's order.
    assert names == ["News", "Politics", "Syria", "Turkey", "Russia"]
    assert 'href="/tag/syria/"' in trail and 'href="/section/news/"' in trail
    assert "<h1 class=\"story__headline\">Talks resume</h1>" in content
    assert "Envoys met again." in content
    assert "By Ada Ekwueme and Bo Lind" in content
    assert "<blockquote><p>Quote.</p></blockquote>" in content


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "shown"), [("UTC", "24 November 2026, 14:00 UTC"), ("Asia/Tokyo", "24 November 2026, 23:00 JST"), ("America/New_York", "24 November 2026, 09:00 EST")])
def test_publication_time_is_shown_in_the_sites_time_zone(client, settings, zone, shown, time_machine):
    """Readers see the time in TIME_ZONE, and the machine-readable time carries its offset."""
    settings.TIME_ZONE = zone
    time_machine.move_to(datetime(2026, 11, 24, 15, 0, tzinfo=UTC), tick=False)
    article = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=datetime(2026, 11, 24, 14, 0, tzinfo=UTC))
    content = client.get(article.get_absolute_url()).content.decode()
    assert shown in content
    iso = content.split('<time datetime="', 1)[1].split('"', 1)[0]
    assert datetime.fromisoformat(iso) == article.publish_at


@pytest.mark.django_db
def test_update_time_is_shown_only_after_a_later_change(client, time_machine):
    """"Updated" appears when the story changed after it went out, not for the first save."""
    time_machine.move_to(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), tick=False)
    article = ArticleFactory(published=True, publish_at=timezone.now())
    assert "Updated" not in client.get(article.get_absolute_url()).content.decode()
    time_machine.move_to(datetime(2026, 11, 24, 11, 30, tzinfo=UTC), tick=False)
    article.headline = "Revised"
    article.save()
    assert "Updated <time" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_section_page_includes_its_subsections_stories(client, politics):
    """News lists what is filed under Politics too; Politics does not list News's own stories."""
    in_politics = ArticleFactory(published=True, section=politics, headline="From politics")
    in_news = ArticleFactory(published=True, section=politics.parent, headline="From news")
    news = client.get(reverse("articles:section", kwargs={"slug": "news"})).content.decode()
    assert in_politics.headline in news and in_news.headline in news
    politics_page = client.get(reverse("articles:section", kwargs={"slug": "politics"})).content.decode()
    assert in_politics.headline in politics_page and in_news.headline not in politics_page


@pytest.mark.django_db
def test_listings_paginate_newest_first(client, settings, politics):
    """Page 1 has the newest stories; page 2 the next ones; a page past the end is 404."""
    now = timezone.now()
    for hours in range(1, 16):
        ArticleFactory(status=Article.Status.PUBLISHED, publish_at=now - timedelta(hours=hours), section=politics, headline=f"Story {hours:02d} hours old")
    url = reverse("articles:section", kwargs={"slug": "politics"})
    first = client.get(url).content.decode()
    assert "Story 01 hours old" in first and "Story 13 hours old" not in first
    second = client.get(url + link_in(first, "next")).content.decode()  # the link a reader follows
    assert "Story 13 hours old" in second and "Story 01 hours old" not in second
    assert client.get(url + link_in(second, "prev")).content.decode() == first
    assert client.get(url, {"page": 9}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "back", "forward"), [("en", "&larr;", "&rarr;"), ("ar", "&rarr;", "&larr;"), ("he", "&rarr;", "&larr;")])
def test_pagination_arrows_point_the_way_the_text_reads(client, settings, politics, language, back, forward):
    """Right to left, "Newer" points right and "Older" left; the arrows are hidden from screen readers."""
    settings.LANGUAGE_CODE = language
    for hours in range(1, 30):
        ArticleFactory(published=True, publish_at=timezone.now() - timedelta(hours=hours), section=politics)
    page = client.get(reverse("articles:section", kwargs={"slug": "politics"}) + "?page=2").content.decode()
    nav = page.split('<nav class="pagination"')[1].split("</nav>")[0]
    assert f'<span aria-hidden="true">{back}</span> Newer stories</a>' in nav
    assert f'Older stories <span aria-hidden="true">{forward}</span></a>' in nav


def link_in(page: str, rel: str) -> str:
    """The href of the page's <a rel="next"> or <a rel="prev">, unescaped."""
    import html
    import re

    return html.unescape(re.search(rf'<a rel="{rel}" href="([^"]*)"', page)[1])


@pytest.mark.django_db
def test_home_page_has_lead_latest_and_sections(client, politics):
    """The front page leads with the newest story and groups stories under their top-level section."""
    older = ArticleFactory(published=True, publish_at=timezone.now() - timedelta(hours=2), section=politics, headline="Older politics")
    newest = ArticleFactory(published=True, section=SectionFactory(slug="sport", name="Sport"), headline="Newest sport")
    content = client.get("/").content.decode()
    lead = content.split('aria-label="Lead story"', 1)[1].split("</section>", 1)[0]
    assert newest.headline in lead and older.headline not in lead
    news_block = content.split('id="section-news"', 1)[1].split("</section>", 1)[0]
    assert older.headline in news_block


@pytest.mark.django_db
def test_home_sections_show_the_four_newest_public_stories_of_each_top_section(client, politics):
    """Subsections count towards their top-level section; newest first, ties by newest id; nothing
    scheduled, unpublished or expired; a section with no public story has no block."""
    now = timezone.now()
    news = [ArticleFactory(published=True, section=politics if n % 2 else politics.parent, headline=f"News {n}",
                           publish_at=now - timedelta(hours=n)) for n in range(1, 7)]
    tied = ArticleFactory(published=True, section=politics, headline="News tied", publish_at=news[0].publish_at)
    sport = SectionFactory(slug="sport", name="Sport")
    older_sport = ArticleFactory(published=True, section=sport, headline="Sport old", publish_at=now - timedelta(days=3))
    newer_sport = ArticleFactory(published=True, section=sport, headline="Sport new", publish_at=now - timedelta(days=1))
    ArticleFactory(published=True, section=sport, headline="Sport scheduled", publish_at=now + timedelta(minutes=5))
    ArticleFactory(section=sport, headline="Sport draft")
    ArticleFactory(published=True, section=sport, headline="Sport expired", publish_at=now - timedelta(hours=2),
                   unpublish_at=now - timedelta(hours=1))
    SectionFactory(slug="opinion", name="Opinion")
    content = client.get("/").content.decode()
    blocks = dict(re.findall(r'<section class="listing" aria-labelledby="section-([\w-]+)">(.*?)</section>', content, re.S))
    assert {slug: re.findall(r'class="card__headline"><a [^>]*>([^<]*)</a>', block) for slug, block in blocks.items()} == {
        "news": [tied.headline, news[0].headline, news[1].headline, news[2].headline],
        "sport": [newer_sport.headline, older_sport.headline],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("under", ["itself", "its subsection"])
def test_the_desk_refuses_to_place_a_section_under_itself_or_its_subsection(editor_client, politics, under):
    """News > Politics > News would take News out of the tree: a form error on the parent, nothing saved."""
    news = politics.parent
    response = editor_client.post(reverse("admin:articles_section_change", args=[news.pk]), {
        "name": "News", "slug": "news", "parent": news.pk if under == "itself" else politics.pk, "position": 0, "description": "",
    })
    assert response.status_code == 200
    assert "A section cannot be placed under itself or one of its subsections." in response.content.decode()
    news.refresh_from_db()
    assert news.parent_id is None


@pytest.mark.django_db
def test_home_page_is_served_when_no_section_is_top_level(client, politics):
    """A parent cycle stored before the desk refused them leaves no top-level section: the front page still
    answers, with its latest stories."""
    story = ArticleFactory(published=True, section=politics, headline="Still on the front page")
    Section.objects.filter(pk=politics.parent_id).update(parent=politics)
    response = client.get("/")
    assert response.status_code == 200
    assert story.headline in response.content.decode()


@pytest.mark.django_db
def test_pages_have_title_and_description(client, politics):
    article = ArticleFactory(published=True, section=politics, headline="Budget vote", standfirst="The vote passed.", tags=["Economy"])
    for url, title in [
        ("/", "The Newsroom · Latest news"),
        (reverse("articles:section", kwargs={"slug": "politics"}), "Politics · The Newsroom"),
        (reverse("articles:tag", kwargs={"slug": "economy"}), "Economy · The Newsroom"),
        (article.get_absolute_url(), "Budget vote · The Newsroom"),
    ]:
        content = client.get(url).content.decode()
        assert f"<title>{title}</title>" in content
        assert '<meta name="description" content="' in content


@pytest.mark.django_db
class TestPreview:
    def test_editor_previews_a_draft_with_a_banner_and_no_caching(self, editor_client):
        article = ArticleFactory(headline="Unreleased")
        response = editor_client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Preview — not published" in response.content.decode()
        assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()

    def test_journalist_previews_own_draft_only(self, journalist_client, journalist, other_journalist):
        own = ArticleFactory(authors=[journalist])
        others = ArticleFactory(authors=[other_journalist])
        assert journalist_client.get(own.get_absolute_url()).status_code == 200
        assert journalist_client.get(others.get_absolute_url()).status_code == 404

    def test_reader_gets_404_for_a_draft(self, client):
        assert client.get(ArticleFactory().get_absolute_url()).status_code == 404

    def test_published_page_has_no_preview_banner(self, editor_client):
        article = ArticleFactory(published=True)
        assert "Preview" not in editor_client.get(article.get_absolute_url()).content.decode()

    def test_admin_view_on_site_link_opens_the_preview(self, editor_client):
        article = ArticleFactory()
        change = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
        assert "View on site" in change


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "section", "tag", "article"])
def test_page_query_count_does_not_grow_with_stories(client, politics, page, django_assert_max_num_queries):
    """3 stories or 30, with tags and bylines: the same number of queries."""
    author = UserFactory()
    stories = ArticleFactory.create_batch(3, published=True, section=politics, tags=["Syria", "Turkey"], authors=[author])
    url = {
        "home": "/",
        "section": reverse("articles:section", kwargs={"slug": "news"}),
        "tag": reverse("articles:tag", kwargs={"slug": "syria"}),
        "article": stories[0].get_absolute_url(),
    }[page]
    small = count_queries(client, url)
    for index in range(27):
        ArticleFactory(published=True, section=SectionFactory(slug=f"extra-{index % 5}", parent=politics),
                       tags=["Syria", "Turkey", f"Tag {index}"], authors=[author, UserFactory()])
    stories[0].tags.add(*[f"Extra {n}" for n in range(10)])
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_pages_link_the_stylesheet_under_the_current_static_url(client, settings):
    """The stylesheet's URL is found once per process, and found again when the static settings change."""
    settings.PAGE_CACHE_ENABLED = False  # a stored page keeps the URL it was rendered with, like every link
    assert '<link rel="stylesheet" href="/static/css/site.css">' in client.get("/").content.decode()
    settings.STATIC_URL = "https://assets.example/newsroom/"
    assert '<link rel="stylesheet" href="https://assets.example/newsroom/css/site.css">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_favicon_answers_from_the_static_icon_and_pages_name_it(client):
    """`/favicon.ico` is not a 404 in the console: it leads to the static icon, which every page names."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.ico")
    assert '<link rel="icon" href="/static/favicon.ico" sizes="any">' in client.get("/").content.decode()
