"""Text pasted from a Mac arrives decomposed (NFD: "e" and an accent, where a keyboard sends "é"): it looks the same
and was not. A tag became two ("café" and "café_1"), a story slug was refused, a search missed the headline, a tag
URL was a 404. Typed text is kept composed (NFC: security/plain_text.py, articles/html.py), slugs are composed
before they are checked, and tag URLs are read composed (found in a review of other scripts' newsrooms)."""
import unicodedata

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.factories import EMPTY_INLINES, ArticleFactory, SectionFactory

ADD_URL = reverse("admin:articles_article_add")


@pytest.fixture
def news(db):
    return SectionFactory(slug="news", name="News")


def new_story(section, tags, slug):
    return {
        "headline": "Envoys meet in Selvanik", "slug": slug, "section": section.pk,
        "standfirst": "", "body": "<p>Talks opened.</p>", "tags": tags, "status": Article.Status.DRAFT,
        **EMPTY_INLINES,
    }


def typed_on_the_desk(client, section, tags, slug="envoys-meet"):
    response = client.post(ADD_URL, new_story(section, tags, slug))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Article.objects.get(slug=slug)


@pytest.mark.django_db
def test_a_tag_typed_in_decomposed_unicode_is_the_same_tag_as_the_one_already_there(journalist_client, news):
    """A journalist pastes "Café" from a macOS file name (NFD: "e" + U+0301) while the tag "Café" (NFC) exists.
    Readers see the same word twice in the tag lists, and the story goes to a second tag, `café_1`, not to the
    tag page `/tag/café/`. Nothing normalises tag names (NFC) before taggit's `name__iexact` lookup
    (articles/tag_input.py, OrderedTagField.clean). Both databases."""
    first = ArticleFactory(tags=["Café"])
    nfd = unicodedata.normalize("NFD", "Café")
    second = typed_on_the_desk(journalist_client, news, nfd)
    assert [tag.slug for tag in second.tags.all()] == [tag.slug for tag in first.tags.all()] == ["café"]
    assert Tag.objects.count() == 1


@pytest.mark.django_db
def test_an_umlaut_typed_in_decomposed_unicode_gets_no_second_slug(journalist_client, news):
    """German: "Zürich" typed once precomposed and once decomposed ("u" + U+0308) gives two tags, "zürich" and
    "zürich_1", one word with two tag pages: each lists half the stories. Both databases."""
    ArticleFactory(tags=["Zürich"])
    typed_on_the_desk(journalist_client, news, unicodedata.normalize("NFD", "Zürich"))
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["zürich"]


@pytest.mark.django_db
def test_the_tag_page_answers_a_tag_url_written_in_decomposed_unicode(client, db):
    """A tag URL copied from a macOS document arrives with its "é" decomposed (`/tag/cafe%CC%81/`): the tag page."""
    ArticleFactory(tags=["Café"], published=True)
    response = client.get("/tag/cafe%CC%81/")
    assert response.status_code == 200 and "Café" in response.content.decode()


def found(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_headline_saved_in_decomposed_unicode_is_found_by_the_word_a_reader_types(client):
    """A headline pasted from a macOS document arrives decomposed ("Zu" + U+0308 + "rich"); a reader typing
    "Zürich" (precomposed, as every keyboard sends it) finds nothing. Nothing normalises saved text to NFC
    (security/plain_text.py, keep_plain) nor the query (articles/search.py, SearchForm.clean_q), and neither
    PostgreSQL's tsvector nor SQLite's LIKE equates the two forms. Both databases."""
    ArticleFactory(published=True, headline=unicodedata.normalize("NFD", "Flooding closes Zürich station"))
    assert "Flooding closes" in found(client, "Zürich")


@pytest.mark.django_db
def test_a_unicode_slug_pasted_in_decomposed_form_is_taken_not_refused(journalist_client):
    """A journalist pastes the slug "zürich-köln" from a macOS document (NFD: "u" + U+0308). It looks exactly like
    a valid Unicode slug, yet the desk refuses it ("Enter a valid slug…"): Django's unicode slug validator takes
    `\\w` only, and the combining mark is not a word character. Nothing normalises the slug to NFC before it is
    validated (Article.slug, allow_unicode=True; desk form). Both databases."""
    section = SectionFactory(slug="news", name="News")
    slug = unicodedata.normalize("NFD", "zürich-köln")
    response = journalist_client.post(reverse("admin:articles_article_add"), {
        "headline": "Trains return between Zürich and Köln", "slug": slug, "section": section.pk, "standfirst": "",
        "body": "<p>Trains run.</p>", "tags": "", "status": Article.Status.DRAFT, **EMPTY_INLINES,
    })
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "errorlist" in line]
    assert Article.objects.get().slug == "zürich-köln"
