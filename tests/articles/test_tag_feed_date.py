"""A tag feed dates itself at the moment its newest story left, as the site's and the sections' feeds do."""
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from desk.services import article_withdraw
from tests.articles.test_feed_ids_and_dates import feed_date
from tests.factories import ArticleFactory, SectionFactory

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tag/ports/feed/rss/", "/tag/ports/feed/atom/"])
def test_a_tag_feed_whose_newest_story_is_withdrawn_is_dated_at_the_withdrawal(client, time_machine, editor, url):
    """Passes: a TagFeed whose `stories` were the published ones only (`.published()` kept in get_object) went back
    to the story before; the site's and sections' feeds are tested for this, the tag's were not."""
    politics = SectionFactory(slug="politics", name="Politics")
    time_machine.move_to(T0, tick=False)
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=T0, section=politics, tags=["Ports"])
    time_machine.move_to(T0 + timedelta(hours=1), tick=False)
    newest = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=T0 + timedelta(hours=1), section=politics,
                            tags=["Ports"], headline="Newest")
    time_machine.move_to(T0 + timedelta(hours=2), tick=False)
    assert feed_date(client, url) == T0 + timedelta(hours=1)
    time_machine.move_to(T0 + timedelta(hours=3), tick=False)
    article_withdraw(article=newest, by=editor)
    time_machine.move_to(T0 + timedelta(hours=4), tick=False)
    assert "Newest" not in client.get(url).content.decode()
    assert feed_date(client, url) == T0 + timedelta(hours=3), "the tag feed's date went back when its newest story left"
