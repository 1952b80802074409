"""A scheduled update applied is the save of the editor who scheduled it: the desk names them, not the last saver."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from reversion.models import Version

from live.updates import update_schedule
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db
TWO_PM = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)


def test_a_restore_refused_after_a_scheduled_update_names_the_editor_who_scheduled_it(client, clock, editor_client, editor):
    """The editor opens Revisions to bring back the morning's text; at 14:00 Ayla's scheduled update goes out. The
    restore is refused, rightly, but said "Ed Editor saved this story at 14:00": the update's save left the story's
    "last changed by" at the previous saver, so the editor was told they had overwritten themselves, and went looking
    for no one, while the update's author was the one to talk to."""
    from desk.services import article_save

    editor.first_name, editor.last_name = "Ed", "Editor"
    editor.save()
    story = ArticleFactory(published=True, headline="Storm kills nine on the coast")
    article_save(article=story, by=editor)
    story.headline = "Storm kills nine"
    article_save(article=story, by=editor)
    ayla = UserFactory(username="ayla", first_name="Ayla", last_name="Kaya", role="Editor")
    update_schedule(article=story, by=ayla, at=TWO_PM, headline="Death toll rises to twelve", body="<p>Twelve dead.</p>")

    clock(TWO_PM - timedelta(minutes=10))
    oldest = list(Version.objects.get_for_object(story))[-1]
    restore = reverse("admin:articles_article_restore", args=[story.pk, oldest.pk])
    page = editor_client.get(reverse("admin:articles_article_revisions", args=[story.pk])).content.decode()
    shown = form_values(page.split(f'action="{restore}"', 1)[1].split("</form>", 1)[0])

    clock(TWO_PM)
    client.get("/")  # a reader's request applies the update at its second
    response = editor_client.post(restore, shown, follow=True)
    told = response.content.decode()
    assert "nothing was restored" in told
    assert "Ayla Kaya saved this story at" in told and "Ed Editor saved this story" not in told
    story.refresh_from_db()
    assert story.headline == "Death toll rises to twelve" and story.updated_by == ayla
