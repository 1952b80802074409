"""An editor deletes a draft that colleagues have commented on: the confirmation names its notes, which go with it."""
import pytest
from django.urls import reverse

from articles.models import Article
from notes.models import Note
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import browser_of

pytestmark = pytest.mark.django_db


def test_an_editor_deletes_a_draft_with_a_colleagues_note(editor_client, journalist):
    """Django's deletion asked the notes' admin about each note, and it said no to all but site admins: an editor
    could delete a spiked draft only until someone left a note on it."""
    draft = ArticleFactory(authors=[journalist])
    colleague = browser_of(UserFactory(username="co-editor", role="Editor"))
    assert colleague.post(reverse("admin:notes_note_add_to", args=[draft.pk]), {"text": "Is this still worth running?"}).status_code == 302
    delete = reverse("admin:articles_article_delete", args=[draft.pk])

    page = editor_client.get(delete).text
    assert "Are you sure" in page and "Is this still worth running?" in page  # the note is named, not lost unseen
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists() and not Note.objects.exists()


def test_a_journalist_still_cannot_delete_a_draft_with_notes(journalist_client, journalist, editor):
    draft = ArticleFactory(authors=[journalist])
    browser_of(editor).post(reverse("admin:notes_note_add_to", args=[draft.pk]), {"text": "Call the mayor."})
    assert journalist_client.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=draft.pk).exists() and Note.objects.exists()
