"""A site admin deletes a live story, a story with a scheduled update, or a live coverage from the desk: Django's
deletion asks the entries' and the updates' admins about each row that goes with it."""
import pytest
from django.urls import reverse

from articles.models import Article
from live.models import LiveCoverage, LiveEntry, ScheduledUpdate
from tests.factories import ArticleFactory, LiveEntryFactory, UserFactory
from tests.live.helpers import a_due_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(client):
    client.force_login(UserFactory(username="site-admin", is_superuser=True))
    return client


def deleted_on_the_desk(desk, url) -> bool:
    """The confirmation page offers the deletion, and confirming it goes through."""
    return "Are you sure" in desk.get(url).text and desk.post(url, {"post": "yes"}).status_code == 302


def test_a_site_admin_deletes_a_story_that_had_a_scheduled_update(site_admin, editor):
    story = ArticleFactory(published=True)
    a_due_update(editor, story)
    assert deleted_on_the_desk(site_admin, reverse("admin:articles_article_delete", args=[story.pk]))
    assert not Article.objects.filter(pk=story.pk).exists() and not ScheduledUpdate.objects.exists()


def test_a_site_admin_deletes_a_live_story_with_its_entries(site_admin):
    entry = LiveEntryFactory()
    story = entry.coverage.article
    assert deleted_on_the_desk(site_admin, reverse("admin:articles_article_delete", args=[story.pk]))
    assert not Article.objects.filter(pk=story.pk).exists() and not LiveEntry.objects.exists()


def test_a_site_admin_deletes_a_live_coverage_that_has_entries(site_admin):
    coverage = LiveEntryFactory().coverage
    assert deleted_on_the_desk(site_admin, reverse("admin:live_livecoverage_delete", args=[coverage.pk]))
    assert not LiveCoverage.objects.exists() and Article.objects.filter(pk=coverage.article_id).exists()


def test_entries_and_updates_have_no_delete_page_or_action_of_their_own(site_admin, editor):
    """An entry is deleted on the composer, as a tombstone with its record; an update is cancelled, its record kept."""
    entry, update = LiveEntryFactory(), a_due_update(editor, ArticleFactory(published=True))
    for model, row in (("liveentry", entry), ("scheduledupdate", update)):
        assert site_admin.post(reverse(f"admin:live_{model}_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
        site_admin.post(reverse(f"admin:live_{model}_changelist"),
                        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"})
    assert LiveEntry.objects.filter(pk=entry.pk).exists() and ScheduledUpdate.objects.filter(pk=update.pk).exists()
