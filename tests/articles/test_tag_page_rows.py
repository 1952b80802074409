"""A tag's desk page does not tag or untag stories: taggit's "tagged items" rows took a tag off a live story behind
every signal's back, and a search for the tag's words kept finding the story for good."""
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from taggit.models import Tag, TaggedItem

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import form_values

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_a_tags_page_offers_no_story_rows_and_a_forged_row_untags_nothing(committed):
    """A site admin's tag page names the tag and its slug only; a post carrying the inline's rows (as taggit's page
    sent them, "Delete" ticked) leaves the story tagged and findable under the tag's words."""
    story = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=1), headline="Harbour strike ends",
                           tags=["Ports", "Quarantined ship"])
    desk = Client()
    desk.force_login(UserFactory(username="root-admin", is_staff=True, is_superuser=True))
    tag = Tag.objects.get(name="Quarantined ship")
    url = f"/admin/taggit/tag/{tag.pk}/change/"
    values = form_values(desk.get(url).content.decode(), _save="Save")
    assert not [key for key in values if key.endswith("-object_id")]
    rows = "taggit_taggeditem_items"  # the prefix of taggit's inline formset
    row = TaggedItem.objects.get(tag=tag, object_id=story.pk)
    forged = {f"{rows}-TOTAL_FORMS": "1", f"{rows}-INITIAL_FORMS": "1", f"{rows}-MIN_NUM_FORMS": "0",
              f"{rows}-MAX_NUM_FORMS": "1000", f"{rows}-0-id": str(row.pk), f"{rows}-0-tag": str(tag.pk),
              f"{rows}-0-content_type": str(row.content_type_id), f"{rows}-0-object_id": str(story.pk),
              f"{rows}-0-DELETE": "on"}
    with committed():
        assert desk.post(url, {**values, **forged}).status_code == 302
    assert story.tags.filter(name="Quarantined ship").exists()
    assert "Harbour strike ends" in Client().get("/search/?q=quarantined").content.decode()
