"""Headlines, standfirsts and tag names are plain text on every page: escaped, never markup.

Each page is rendered once with harmless text and once with a hostile one; the element skeleton (tags and
attribute names, in order) must not change, and the text must come back exactly as typed. New surfaces
(feeds, JSON-LD, photo captions) join by adding a URL builder to PAGES.
"""
import html

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory
from tests.security.xss import load_vectors, parse, structure

VECTORS = load_vectors("Context breakouts")

PAGES = {
    "home": lambda article: "/",
    "section": lambda article: article.section.get_absolute_url(),
    "tag": lambda article: reverse("articles:tag", kwargs={"slug": article.tags.get().slug}),
    "article": lambda article: article.get_absolute_url(),
}


@pytest.fixture
def story(db):
    article = ArticleFactory(
        published=True, section=SectionFactory(name="World", slug="world"),
        headline="Harmless headline", standfirst="Harmless standfirst.",
    )
    article.tags.add("Harmless tag")
    return article


def retitle(article, text):
    Article.objects.filter(pk=article.pk).update(headline=text[:200], standfirst=text)
    article.tags.get().__class__.objects.filter(pk=article.tags.get().pk).update(name=text[:100])
    article.refresh_from_db()


def page_title(page):
    return html.unescape(page.split("<title>", 1)[1].split("</title>", 1)[0])


def meta_description(page):
    return next(dict(attrs)["content"] for tag, attrs in parse(page).elements if tag == "meta" and ("name", "description") in attrs)


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_hostile_text_changes_no_element_on_any_page(client, story, vector):
    harmless = {surface: structure(client.get(url(story)).content.decode()) for surface, url in PAGES.items()}
    retitle(story, vector)
    for surface, url in PAGES.items():
        hostile = client.get(url(story))
        assert hostile.status_code == 200, surface
        assert structure(hostile.content.decode()) == harmless[surface], surface


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_title_and_meta_description_carry_the_text_exactly(client, story, vector):
    """The <title> and the description attribute hold the headline and standfirst as typed, as text."""
    retitle(story, vector)
    page = client.get(story.get_absolute_url()).content.decode()
    assert page_title(page).startswith(vector[:200])
    assert meta_description(page).startswith(vector[:290].rstrip())
