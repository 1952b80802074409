"""A note resolved by two editors at once: the thread keeps who resolved it first, and when.

note_resolve() asked "resolved already?" of the copy the view read, then saved that copy's resolution over the row:
the second editor's request, which read the note before the first one's resolution committed, wrote its own time
and name over it (its docstring's rule, and the secret links': one done already keeps its first record)."""
import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article
from notes.models import Note
from notes.services import note_add
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import browser_of, while_held

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def test_a_note_resolved_by_two_editors_at_once_keeps_the_first_resolution():
    first, second = UserFactory(username="first", role="Editor"), UserFactory(username="second", role="Editor")
    article = ArticleFactory(status=Article.Status.REVIEW, body="<p>Figures from the ministry.</p>")
    note = note_add(article=article, by=first, text="Confirm the figures first", blocking=True)
    resolve = reverse("admin:notes_note_resolve", args=[note.pk])

    def first_resolves():  # the first editor's request, which holds the note's row until it commits
        assert browser_of(first).post(resolve).status_code == 302
        return Note.objects.get(pk=note.pk).resolved_at

    # The second has read the note, still open to it, and waits (or, resolved already, finds it so).
    resolved_at, outcome = while_held(first_resolves, lambda: browser_of(second).post(resolve), waits=False)

    assert "error" not in outcome, outcome.get("error")
    note.refresh_from_db()
    assert (note.resolved_by, note.resolved_at) == (first, resolved_at)  # who resolved it, and when: not overwritten
