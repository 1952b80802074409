"""Notes are for editors, and for journalists on the stories they write: a byline alone, left on an account whose
role was taken away, opens no notes (found by a reviewer: such an account still read, wrote and was mentioned)."""
import pytest
from django.test import Client

from notes.models import Note
from notes.services import can_note, note_add
from tests.factories import ArticleFactory, UserFactory
from tests.notes.helpers import add_url

pytestmark = pytest.mark.django_db


def test_an_account_without_a_role_cannot_note_a_story_it_bylines(editor):
    former = UserFactory(username="former-journalist", is_staff=True)  # its role taken away, its byline left
    story = ArticleFactory(authors=[former])
    assert not can_note(former, story)
    browser = Client()
    browser.force_login(former)
    answer = browser.post(add_url(story), {"text": "Still here?", "field": ""})
    assert answer.status_code in (403, 404) and not Note.objects.filter(text="Still here?").exists()
    note = note_add(article=story, by=editor, text="@former-journalist please check")
    assert not note.mentions.exists()  # not told: the notes are not theirs to read


def test_a_journalist_notes_the_stories_they_write(journalist):
    story = ArticleFactory(authors=[journalist])
    assert can_note(journalist, story) and not can_note(journalist, ArticleFactory())
