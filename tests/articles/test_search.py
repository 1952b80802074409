"""Reader search: what it finds, how it ranks and highlights, and that no query breaks it."""
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import search
from articles.models import Article
from serving import purges
from serving.pagecache import STATUS_HEADER
from tests.factories import ArticleFactory, SectionFactory

URL = reverse("articles:search")
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL")


@pytest.fixture(params=["database", "fallback"])
def backend(request, monkeypatch):
    """Run a test with the database's own search and again with the simple fallback SQLite uses."""
    if request.param == "fallback":
        monkeypatch.setattr(search, "uses_full_text", lambda using="default": False)
    return request.param


def result_urls(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return [article.get_absolute_url() for article in response.context["articles"]]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["headline", "standfirst", "body", "tag"])
def test_search_finds_a_word_in_each_field(client, backend, field):
    """Headline, standfirst, body and tags are all searched."""
    fields = {"headline": {"headline": "Harbour plan"}, "standfirst": {"standfirst": "Harbour plan."},
              "body": {"body": "<p>The harbour plan.</p>"}, "tag": {}}
    article = ArticleFactory(published=True, **fields[field])
    if field == "tag":
        article.tags.add("Harbour")
    ArticleFactory(published=True, headline="Something else")
    assert result_urls(client, "harbour") == [article.get_absolute_url()]


@pytest.mark.django_db
def test_every_word_must_match(client, backend):
    both = ArticleFactory(published=True, headline="Port strike ends")
    ArticleFactory(published=True, headline="Port reopens")
    assert result_urls(client, "port strike") == [both.get_absolute_url()]


@postgres_only
@pytest.mark.django_db
def test_headline_match_ranks_above_standfirst_and_body(client):
    """Weights: a word in the headline counts more than in the standfirst, which counts more than in the body."""
    in_body = ArticleFactory(published=True, headline="Report", body="<p>The glacier retreats.</p>")
    in_headline = ArticleFactory(published=True, headline="Glacier retreats")
    in_standfirst = ArticleFactory(published=True, headline="Study", standfirst="The glacier retreats.")
    assert result_urls(client, "glacier") == [a.get_absolute_url() for a in (in_headline, in_standfirst, in_body)]


@postgres_only
@pytest.mark.django_db
def test_stemming_finds_other_forms_of_a_word(client):
    article = ArticleFactory(published=True, headline="Negotiators resumed talks")
    assert result_urls(client, "negotiator talking") == [article.get_absolute_url()]


@postgres_only
@pytest.mark.django_db
def test_search_vector_follows_tag_changes_and_renames(client, committed):
    """Adding, removing, renaming and deleting a tag updates what search finds, without saving the story."""
    article = ArticleFactory(published=True, headline="Budget vote")
    article.tags.add("Zanzibar")
    assert result_urls(client, "zanzibar") == [article.get_absolute_url()]
    with committed():
        tag = Tag.objects.get(name="Zanzibar")
        tag.name = "Kilimanjaro"
        tag.save()
    assert result_urls(client, "zanzibar") == []
    assert result_urls(client, "kilimanjaro") == [article.get_absolute_url()]
    with committed():
        article.tags.clear()
    assert result_urls(client, "kilimanjaro") == []
    with committed():
        article.tags.add("Kilimanjaro")
    assert result_urls(client, "kilimanjaro") == [article.get_absolute_url()]
    with committed():
        Tag.objects.get(name="Kilimanjaro").delete()  # wrong or defamatory: its name leaves the vectors too
    assert result_urls(client, "kilimanjaro") == []


@postgres_only
@pytest.mark.django_db
def test_search_vector_follows_edits_and_the_refresh_helper(client, committed):
    article = ArticleFactory(published=True, headline="Old words")
    article.headline = "Fresh wording"
    article.save()
    assert result_urls(client, "fresh") == [article.get_absolute_url()]
    Article.objects.filter(pk=article.pk).update(headline="Bulk edited", search_vector=None)  # bypasses save()
    assert result_urls(client, "bulk") == []
    with committed():  # the helper purges search results: update() sent no signal
        assert search.search_vector_refresh(Article.objects.all()) == 1
    assert result_urls(client, "bulk") == [article.get_absolute_url()]


@postgres_only
@pytest.mark.django_db
def test_search_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_vector_gin'")
        [(definition,)] = cursor.fetchall()
    assert "USING gin (search_vector)" in definition


@pytest.mark.django_db
def test_results_highlight_matches_and_escape_everything_else(client, backend):
    """Only our own <mark> tags reach the page: markup in headlines and bodies comes out as text."""
    ArticleFactory(
        published=True, headline="<script>alert(1)</script> harbour <b>plan</b>",
        standfirst="A harbour <i>standfirst</i>.", body="<p>The harbour &lt;b&gt;works&lt;/b&gt; begin.</p>",
    )
    content = client.get(URL, {"q": "harbour"}).content.decode()
    results = content.split('class="search-results"', 1)[1].split("</ol>", 1)[0]
    assert "<script>" not in results and "<b>" not in results and "<i>" not in results
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in results
    assert "<mark>harbour</mark>" in results.lower()
    tags = {chunk.split(">", 1)[0].split()[0] for chunk in results.split("<")[1:]}
    assert tags <= {"li", "/li", "p", "/p", "a", "/a", "h2", "/h2", "mark", "/mark", "time", "/time"}


def test_marks_to_html_stays_balanced_whatever_the_text_contains():
    start, stop = search.MARK_START, search.MARK_STOP
    assert search.marks_to_html(f"a {start}b{stop} <c>") == "a <mark>b</mark> &lt;c&gt;"
    assert search.marks_to_html(f"{stop}x{start}y") == "x<mark>y</mark>"


@pytest.mark.django_db
@pytest.mark.parametrize("query", [
    '"', '"unbalanced', "a & b | !c", "!!!", ":*", "harbour:*", "(", ")", "<script>", "' OR 1=1 --", "%", "_",
    "\\", ".*+?[", "$1", "😀", "🇸🇾 talks", "-", "--", "a-", "&", "|", "the", "   ", "ünïcödé", "a:b:c", "'",
])
def test_odd_queries_get_a_normal_page(client, backend, query):
    ArticleFactory(published=True, headline="Harbour talks")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "<h1 class=\"page-title\">Search</h1>" in response.content.decode()


@pytest.mark.django_db
def test_nul_bytes_get_a_form_error_not_a_crash(client, backend):
    response = client.get(URL, {"q": "harbour\x00talks"})
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()
    assert list(response.context["articles"]) == []
    assert "\x00" not in response.content.decode()  # the refused query is given back without it


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "forbidden"), [
    ("harbour\x01\x0btalks\x1f", "[\x00-\x08\x0b\x0c\x0e-\x1f]"),  # Word's line break (U+000B), a stray U+0001
    ("harbour\x85\x9btalks\x80", "[\x7f-\x9f]"),  # C1: a Latin-1 page pasted as UTF-8 brings them
], ids=["c0", "c1"])
def test_control_characters_in_a_query_are_spaces_and_never_reach_the_page(client, backend, query, forbidden):
    """HTML forbids them; they would be repeated in the title, both inputs and the summary."""
    ArticleFactory(published=True, headline="Harbour talks")
    response = client.get(URL, {"q": query})
    assert len(response.context["articles"]) == 1
    page = response.content.decode()
    assert not re.search(forbidden, page)
    assert "<title>Search: harbour  talks ·" in page and 'value="harbour  talks"' in page


@pytest.mark.django_db
def test_over_long_query_gets_a_form_error(client, backend):
    ArticleFactory(published=True, headline="Harbour talks")
    response = client.get(URL, {"q": "harbour " + "x" * 200})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    assert list(response.context["articles"]) == []
    exactly_200 = "harbour" + " " * 188 + "talks"
    assert len(exactly_200) == 200
    assert len(result_urls(client, exactly_200)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("params", "title"), [
    ({}, "Search · The Newsroom"),
    ({"q": "  "}, "Search · The Newsroom"),
    ({"q": "harbour"}, "Search: harbour · The Newsroom"),
    ({"q": "x" * 201}, "Error: Search · The Newsroom"),
    ({"q": "harbour\x00talks"}, "Error: Search · The Newsroom"),
], ids=["no query", "blank query", "query", "too long", "nul"])
def test_title_says_search_and_whether_the_query_was_refused(client, params, title):
    """WCAG 2.4.2: the empty form was titled as the home page is, and a refused query as if it were fine."""
    content = client.get(URL, params).content.decode()
    assert re.search(r"<title>(.*?)</title>", content)[1] == title


@pytest.mark.django_db
def test_empty_query_shows_the_form_without_results(client, backend):
    ArticleFactory(published=True)
    for params in [{}, {"q": ""}, {"q": "   "}]:
        response = client.get(URL, params)
        assert response.status_code == 200
        assert list(response.context["articles"]) == []
        assert "Type a few words" in response.content.decode()


@pytest.mark.django_db
def test_results_paginate_and_keep_the_query(client, backend, settings):
    for n in range(settings.ARTICLES_PER_PAGE + 3):
        ArticleFactory(published=True, headline=f"Harbour story {n}")
    first = client.get(URL, {"q": "harbour"})
    assert len(first.context["articles"]) == settings.ARTICLES_PER_PAGE
    assert 'rel="next" href="?q=harbour&amp;page=2"' in first.content.decode()
    assert len(client.get(URL + "?q=harbour&page=2").context["articles"]) == 3


@postgres_only
@pytest.mark.django_db
def test_result_pages_are_not_called_newer_and_older_as_they_are_ranked(client, settings):
    """Page 2 holds the weaker matches, which may be newer than page 1's: its links say "More results"."""
    oldest = ArticleFactory(published=True, headline="Harbour plan", publish_at=timezone.now() - timedelta(days=9))
    for n in range(settings.ARTICLES_PER_PAGE):
        ArticleFactory(published=True, headline=f"Story {n}", body="<p>The harbour.</p>")
    first = client.get(URL, {"q": "harbour"})
    assert first.context["articles"][0] == oldest
    nav = first.content.decode().split('<nav class="pagination"')[1].split("</nav>")[0]
    assert "More results" in nav and "Older stories" not in nav
    nav = client.get(URL, {"q": "harbour", "page": 2}).content.decode().split('<nav class="pagination"')[1].split("</nav>")[0]
    assert "Previous results" in nav and "Newer stories" not in nav


@pytest.mark.django_db
def test_canonical_of_any_results_page_is_the_search_page(client, settings):
    """The canonical drops the query, so it cannot keep the page number: /search/?page=2 is a 404."""
    for n in range(settings.ARTICLES_PER_PAGE + 3):
        ArticleFactory(published=True, headline=f"Harbour story {n}")
    for query in ["", "?q=harbour", "?q=harbour&page=2", "?q=harbour&page=last"]:
        content = client.get(URL + query).content.decode()
        canonical = re.search(r'<link rel="canonical" href="http://testserver([^"]*)">', content)[1]
        assert canonical == URL, query
        assert f'<meta property="og:url" content="http://testserver{URL}">' in content, query
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_every_page_has_a_search_form_in_the_header(client):
    article = ArticleFactory(published=True, section=SectionFactory(slug="news"))
    for url in ["/", "/section/news/", article.get_absolute_url(), URL]:
        content = client.get(url).content.decode()
        header = content.split('<header class="masthead">', 1)[1].split("</header>", 1)[0]
        assert f'role="search" action="{URL}"' in header and 'name="q"' in header


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_results(
    client, backend, django_assert_max_num_queries, warm_domains, django_capture_on_commit_callbacks,
):
    """3 results or 30: the same queries. The stories' commit purges the cached search page: without it, the second
    count was a cache hit's, and held nothing."""
    def add(count):
        for _ in range(count):
            ArticleFactory(published=True, headline="Harbour story", tags=["Harbour", "Port"])

    add(3)
    # results (and their count), tags, section tree, the clock (stories; live entries and updates), the alert banner
    with django_assert_max_num_queries(6) as small:
        client.get(URL, {"q": "harbour"})
    with django_capture_on_commit_callbacks(execute=True):
        add(27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(URL, {"q": "harbour"})[STATUS_HEADER] == "miss"


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # serialized, like the later transactional tests: its flush must not recreate content types they restore
@pytest.mark.parametrize("change", ["create", "edit", "retag", "rename tag"])
def test_a_change_purges_search_results_once_its_search_vector_is_current(monkeypatch, change):
    """Outside a transaction the purge must come after the vector's UPDATE, or a reader could store search
    results without the change after it. A story created by a script (no transaction) purges once."""
    story = ArticleFactory(published=True, headline="Harbour works", tags=["Ports"])
    vector_current_at_purges = []
    real_flush = purges.flush

    def recording_flush():
        if purges.pending.tags:
            vector_current_at_purges.append(search.search_articles("lighthouse").filter(pk=story.pk).exists())
        real_flush()

    monkeypatch.setattr(purges, "flush", recording_flush)
    if change == "create":
        story = Article(headline="Lighthouse works", slug="lighthouse", section=story.section, status=Article.Status.PUBLISHED)
        story.save()
    elif change == "edit":
        story.headline = "Lighthouse works"
        story.save()
    elif change == "retag":
        story.tags.set(["Lighthouse"])
    else:
        tag = Tag.objects.get(name="Ports")
        tag.name = "Lighthouse"
        tag.save()
    assert vector_current_at_purges[-1] is True
    if change == "create":
        assert vector_current_at_purges == [True]
