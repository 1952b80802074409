"""The gate's table of cases, shared by the visibility tests and the reader-surface tests."""
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

NOW = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
PUBLISHED = Article.Status.PUBLISHED

# (status, publish_at, unpublish_at, visible)
CASES = [
    pytest.param(PUBLISHED, NOW, None, True, id="published-exactly-now"),
    pytest.param(PUBLISHED, NOW - SECOND, None, True, id="published-one-second-ago"),
    pytest.param(PUBLISHED, NOW + SECOND, None, False, id="scheduled-one-second-ahead"),
    pytest.param(PUBLISHED, NOW - timedelta(days=1), NOW + SECOND, True, id="expires-in-one-second"),
    pytest.param(PUBLISHED, NOW - timedelta(days=1), NOW, False, id="expires-exactly-now"),
    pytest.param(PUBLISHED, NOW - timedelta(days=1), NOW - SECOND, False, id="expired-one-second-ago"),
    pytest.param(Article.Status.DRAFT, NOW - timedelta(days=1), None, False, id="draft"),
    pytest.param(Article.Status.REVIEW, NOW - timedelta(days=1), None, False, id="in-review"),
    pytest.param(Article.Status.WITHDRAWN, NOW - timedelta(days=1), None, False, id="withdrawn"),
    pytest.param(Article.Status.DRAFT, None, None, False, id="draft-without-time"),
]


def make_story(status, publish_at, unpublish_at):
    return ArticleFactory(
        headline="Embargoed budget figures leak-test",
        status=status,
        publish_at=publish_at,
        unpublish_at=unpublish_at,
        section=SectionFactory(slug="politics", name="Politics"),
        tags=["Budget"],
    )
