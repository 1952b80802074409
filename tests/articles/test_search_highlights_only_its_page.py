"""A deep page of search results highlights the stories it shows, not every story before them as well."""
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL")


def rows_highlighted(sql: str) -> int:
    """How many rows PostgreSQL ran ts_headline for, by the plan of `sql` as it ran."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def walk(node):
        own = node["Actual Rows"] * node["Actual Loops"] if any("ts_headline" in out for out in node.get("Output", [])) else 0
        return max([own, *(walk(child) for child in node.get("Plans", []))])
    return walk(plan[0]["Plan"])


@pytest.mark.django_db
def test_a_deep_results_page_highlights_only_the_stories_it_shows(client, settings):
    """ts_headline is the costly part of a search (it reads each body): PostgreSQL evaluated it for every row
    up to the page's end, as OFFSET skips rows only after computing them. Page 700 of a common word took 3 s
    on 10,000 stories where page 1 took 0.25 s, and grew with the archive: a cheap way to load the database."""
    per_page = settings.ARTICLES_PER_PAGE
    for n in range(per_page * 4 + 2):
        ArticleFactory(published=True, headline=f"Harbour story {n}", body=f"<p>The harbour, day {n}.</p>")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "harbour", "page": 4})
    assert response.status_code == 200 and len(response.context["articles"]) == per_page
    highlighting = [query["sql"] for query in queries.captured_queries if "ts_headline" in query["sql"]]
    assert highlighting
    assert max(rows_highlighted(sql) for sql in highlighting) <= per_page
