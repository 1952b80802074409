"""A tag merge and a story's save running at once on PostgreSQL: both go through, one after the other.

The merge locked the tag rows of every story carrying the tags, then the stories (to move their versions on); a
story's save locks the story (desk/conflicts.py), then rewrites its tag rows. Run at once, each held what the other
waited for: PostgreSQL killed one of them, and the journalist's save was a 503 page instead of her story."""
import pytest
from django.db import connection, transaction
from taggit.models import Tag

from articles.tag_merge import merge_tags
from desk.conflicts import current_article
from tests.factories import ArticleFactory
from tests.helpers import in_thread, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def test_a_merge_and_a_story_save_at_once_both_go_through():
    story = ArticleFactory(tags=["Ports", "Strikes"])
    ports = Tag.objects.get(name="Ports")
    outcome = {}
    with transaction.atomic():  # the story's save: it holds the story's row, then rewrites its tags
        current_article(story.pk)
        merging = in_thread(merge_tags, outcome, tags=[ports], name="Harbours")
        until_a_lock_is_awaited(or_done=merging)
        story.tags.remove(ports)  # the journalist took "Ports" off
    merging.join()

    assert "error" not in outcome, outcome.get("error")
    assert sorted(story.tags.names()) == ["Strikes"]  # her save first, then the merge, which found no "Ports" left
