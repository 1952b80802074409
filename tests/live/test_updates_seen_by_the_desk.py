"""A scheduled update's second, as the desk sees it: the desk shows the story as readers see it from then on."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from live.models import ScheduledUpdate
from live.updates import update_schedule
from tests.factories import ArticleFactory

TWO_PM = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)
OLD, NEW = "Storm kills nine on the coast", "Death toll rises to twelve after the storm"


@pytest.fixture
def story(clock):
    return ArticleFactory(published=True, headline=OLD)


@pytest.mark.django_db
def test_the_story_form_opened_after_an_updates_second_shows_the_updated_text(editor_client, clock, story, editor):
    """An update scheduled for 14:00 and nobody outside the newsroom has asked for a page yet: the editor who opened
    the story's form at 14:00:05 to check it went out found the old headline (and the update still "scheduled"),
    only a reader's request applying due updates; saving it with a typo fixed held the update."""
    update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, body="<p>Twelve dead.</p>")
    clock(TWO_PM + timedelta(seconds=5))
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert f'value="{NEW}"' in page
    assert f'value="{OLD}"' not in page


@pytest.mark.django_db
def test_staff_viewing_the_story_on_site_after_its_updates_second_see_the_update(editor_client, clock, story, editor):
    """"View on site" at 14:00:05 for an update due at 14:00: a logged-in editor bypasses the page cache, where due
    updates were applied, and saw the old headline as if the update had failed."""
    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, body="<p>Twelve dead.</p>")
    clock(TWO_PM + timedelta(seconds=5))
    page = editor_client.get(story.get_absolute_url()).content.decode()
    assert NEW in page and OLD not in page
    update.refresh_from_db()
    assert update.applied_at is not None
