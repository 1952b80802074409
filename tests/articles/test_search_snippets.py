"""A search result's snippet reads as the story does: inline markup split words ("Titanic ’s"), found in a review."""
import re

import pytest
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL")

URL = "/search/"
BODY = "<p>Divers reached the <em>Titanic</em>’s bow, and the <a href=\"https://example.org/\">BBC</a>’s crew filmed it.</p>"


@pytest.fixture
def story(db):
    return ArticleFactory(published=True, section=SectionFactory(slug="climate"), headline="Factories report",
                          standfirst="A yearly report.", body=BODY)


def snippet_text(client, query) -> str:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    [article] = response.context["articles"]
    return re.sub(r"<[^>]+>", "", str(article.snippet_html))


@postgres_only
@pytest.mark.django_db
def test_snippet_does_not_split_a_word_at_inline_markup(client, story):
    """The results snippet strips the body's tags by replacing each with a space (articles/search.py,
    with_highlights: regexp_replace(body, '<[^>]*>', ' ')), so text next to inline markup is torn apart: the
    story reads "the Titanic’s bow" and "the BBC’s crew", the results say "the Titanic ’s bow" and "the BBC ’s
    crew". Inline elements (em, strong, a, s…) do not separate words in HTML; only block ends and <br> do
    (as articles/html.py's BLOCK_END_RE already knows)."""
    text = snippet_text(client, "divers")
    assert "Titanic’s bow" in text, text
    assert "BBC’s crew" in text, text
