"""A feed reader's view of the feeds: an item keeps its id on every mirror, an empty feed does not claim a
change at every render, and a story leaving a feed moves its date forward (all found in reviews)."""
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from articles.models import Article
from tests.articles.reader import NS, get_xml, rss_items
from desk.services import article_withdraw
from tests.factories import ArticleFactory, SectionFactory

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.fixture
def politics(db):
    return SectionFactory(slug="politics", name="Politics")


def publish(time_machine, section, at, **kwargs):
    time_machine.move_to(at, tick=False)
    return ArticleFactory(status=Article.Status.PUBLISHED, publish_at=at, section=section, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feed/rss/", "/feed/atom/"])
def test_an_item_keeps_its_guid_whichever_domain_the_feed_was_read_on(client, time_machine, politics, mirror_domain, url):
    """RFC 4287 4.2.6: an entry's atom:id MUST NOT change when the document is relocated or republished; RSS 2.0's
    guid is "a string that uniquely identifies the item" that aggregators use to tell new items from seen ones.
    The guid/id is built on the host the feed was read on, so the same story has one id on the primary and
    another on each mirror: a reader who moves from a blocked mirror to another (or whose mirror is retired and
    redirected to the primary) gets every story again as unread, and a planet aggregating both shows duplicates."""
    story = publish(time_machine, politics, T0 - timedelta(hours=1))
    if url.endswith("rss/"):
        ids = [rss_items(client, url, HTTP_HOST=host)[0]["guid"] for host in ("newsroom.example", "mirror.example")]
    else:
        ids = [get_xml(client, url, HTTP_HOST=host).find("atom:entry", NS).findtext("atom:id", namespaces=NS)
               for host in ("newsroom.example", "mirror.example")]
    assert ids[0] == ids[1], f"story {story.pk} has id {ids[0]} on the primary and {ids[1]} on a mirror"


@pytest.mark.django_db
def test_a_feed_with_no_items_does_not_claim_to_change_on_every_fetch(client, time_machine):
    """A section feed with no live story (a new section, or its stories withdrawn) says atom:updated = the moment
    it was rendered (Django's latest_post_date() falls back to now()), so nothing changes but the feed claims a
    change at every render: RFC 4287 4.2.15 says `updated` is the last significant change, and its ETag changes
    with it, so a feed reader's If-None-Match never gets a 304 and it downloads and re-checks the feed each poll."""
    SectionFactory(slug="empty", name="Empty")
    time_machine.move_to(T0, tick=False)
    first = client.get("/section/empty/feed/atom/")
    time_machine.move_to(T0 + timedelta(hours=1), tick=False)
    again = client.get("/section/empty/feed/atom/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304, "the unchanged empty feed was sent again with a new ETag: " + again.content.decode()


def feed_date(client, url) -> datetime:
    root = get_xml(client, url)
    if url.endswith("/rss/"):
        return parsedate_to_datetime(root.find("channel").findtext("lastBuildDate"))
    return datetime.fromisoformat(root.findtext("atom:updated", namespaces=NS))



@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feed/rss/", "/feed/atom/", "/section/politics/feed/rss/", "/section/politics/feed/atom/"])
@pytest.mark.parametrize("leaving", ["withdrawn", "expired", "deleted"])
def test_a_feed_whose_newest_story_leaves_is_dated_at_its_leaving_not_back_at_the_story_before(
    client, time_machine, politics, editor, url, leaving,
):
    """The feed's date (RSS lastBuildDate, Atom updated) went back to the previous story's when the newest was
    withdrawn, expired or deleted: a feed reader holding a newer date takes the feed as unchanged and keeps the story."""
    gone_at = T0 + timedelta(hours=3)
    publish(time_machine, politics, T0, headline="Older")
    newest = publish(time_machine, politics, T0 + timedelta(hours=1), headline="Newest",
                     unpublish_at=gone_at if leaving == "expired" else None)
    time_machine.move_to(T0 + timedelta(hours=2), tick=False)
    assert feed_date(client, url) == T0 + timedelta(hours=1)
    time_machine.move_to(gone_at, tick=False)
    if leaving == "withdrawn":
        article_withdraw(article=newest, by=editor)
    elif leaving == "deleted":
        newest.delete()
    time_machine.move_to(T0 + timedelta(hours=4), tick=False)
    assert "Newest" not in client.get(url).content.decode()
    assert feed_date(client, url) == gone_at, "the feed's date went back when its newest story left it"
