"""An editor schedules a story while a colleague adds a blocking note: one of them is refused, and no
scheduled story carries an unresolved blocking note (nothing would hold it back at its time)."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article
from desk.services import article_publish
from notes.models import Note
from notes.services import note_add, note_reopen, note_resolve
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import in_thread, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


@pytest.fixture
def people():
    return UserFactory(username="ed", role="Editor"), UserFactory(username="co", role="Editor")


def held_back(article) -> bool:
    scheduled = Article.objects.scheduled().filter(pk=article.pk).exists()
    return scheduled and Note.objects.filter(article_id=article.pk).blocking().exists()


def test_a_blocking_note_added_while_the_story_is_scheduled_is_refused(people):
    editor, colleague = people
    article = ArticleFactory(status=Article.Status.REVIEW)
    outcome = {}
    with transaction.atomic():
        article_publish(article=article, by=editor, at=timezone.now() + timedelta(hours=1))
        note = in_thread(note_add, outcome, article=Article.objects.get(pk=article.pk), by=colleague,
                         text="Hold: legal is reading it", blocking=True)
        until_a_lock_is_awaited()
    note.join()
    assert isinstance(outcome.get("error"), ValidationError) and "scheduled" in str(outcome["error"])
    assert not held_back(article)


def test_a_story_scheduled_while_a_blocking_note_is_added_or_reopened_is_refused(people):
    editor, colleague = people
    article = ArticleFactory(status=Article.Status.REVIEW)
    resolved = note_add(article=article, by=colleague, text="Check the figures", blocking=True)
    note_resolve(note=resolved, by=colleague)
    for hold in (
        lambda: note_add(article=article, by=colleague, text="Hold: legal is reading it", blocking=True),
        lambda: note_reopen(note=Note.objects.get(pk=resolved.pk), by=colleague),
    ):
        outcome = {}
        with transaction.atomic():
            hold()
            schedule = in_thread(article_publish, outcome, article=Article.objects.get(pk=article.pk), by=editor,
                                 at=timezone.now() + timedelta(hours=1))
            until_a_lock_is_awaited()
        schedule.join()
        assert isinstance(outcome.get("error"), ValidationError) and "blocking" in str(outcome["error"])
        assert not held_back(article)
        Note.objects.filter(article=article).exclude(pk=resolved.pk).delete()
        Note.objects.filter(pk=resolved.pk).update(resolved_at=timezone.now())
