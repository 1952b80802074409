"""A desk login ends 12 hours after it was made, whatever is saved in its session meanwhile. Django computes a
session's end from its last save: a refused note (its text kept in the session), a tag merge's selection or a new API
key's token moved the end on by another 12 hours (found by a reviewer)."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notes.models import Note
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_refused_note_does_not_move_the_end_of_a_desk_login(client, editor, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(editor)
    article = ArticleFactory(body="<p>The minister denied the report on Tuesday.</p>")

    time_machine.shift(timedelta(hours=11))
    refused = client.post(reverse("admin:notes_note_add_to", args=[article.pk]),
                          {"text": "Who told us?", "field": "body", "quote": "not in the story"})
    assert refused.status_code == 302 and not Note.objects.exists()  # refused: its text waits in the session

    time_machine.shift(timedelta(hours=1, seconds=1))  # 12 hours and a second after the login
    answer = client.get(reverse("admin:index"))
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("admin:login")), (
        "the login outlived its 12 hours: the refused note's session save moved its end on")
