"""A second resolution from a copy of the note read before the first keeps the first, and hands it back."""
import pytest

from articles.models import Article
from notes.models import Note
from notes.services import note_add, note_resolve
from tests.factories import ArticleFactory, UserFactory


@pytest.mark.django_db
def test_resolving_from_a_copy_read_before_a_colleagues_resolution_keeps_theirs_and_says_so():
    """Passes: without the refresh of the copy (note_resolve's `else`), the second editor's page was handed a note
    still open (resolved_at None), though the thread was closed by the first."""
    first, second = UserFactory(username="first", role="Editor"), UserFactory(username="second", role="Editor")
    note = note_add(article=ArticleFactory(status=Article.Status.REVIEW), by=first, text="Check the figures", blocking=True)
    stale = Note.objects.get(pk=note.pk)
    note_resolve(note=note, by=first)
    returned = note_resolve(note=stale, by=second)
    assert (returned.resolved_by, returned.resolved_at) == (first, note.resolved_at)
    stored = Note.objects.get(pk=note.pk)
    assert (stored.resolved_by, stored.resolved_at) == (first, note.resolved_at)
