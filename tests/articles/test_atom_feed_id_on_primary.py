"""An Atom feed keeps its own id on every domain it is read on, as its entries keep theirs."""
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from tests.articles.reader import NS, get_xml
from tests.factories import ArticleFactory, SectionFactory

PUBLISHED_AT = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feed/atom/", "/section/politics/feed/atom/", "/tag/budget/feed/atom/"])
def test_an_atom_feed_has_one_id_on_the_primary_and_every_mirror(client, time_machine, mirror_domain, url):
    """RFC 4287 4.2.6: a feed's atom:id MUST NOT change when the document is relocated or republished. A reader
    moved from a blocked or retired mirror to another domain reads the same feed, and a reader that knows feeds
    by their id must not take it for a new subscription and show every story in it again as unread."""
    time_machine.move_to(PUBLISHED_AT + timedelta(hours=1), tick=False)
    story = ArticleFactory(
        status=Article.Status.PUBLISHED, publish_at=PUBLISHED_AT, section=SectionFactory(slug="politics", name="Politics"),
    )
    story.tags.add("Budget")
    ids = [get_xml(client, url, HTTP_HOST=host).findtext("atom:id", namespaces=NS) for host in ("newsroom.example", "mirror.example")]
    assert ids[0] == ids[1], f"{url} has id {ids[0]} on the primary and {ids[1]} on a mirror"
    assert ids[0].startswith("http://newsroom.example/")
