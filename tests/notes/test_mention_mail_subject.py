"""A mention's mail has a subject of one line, whatever was posted as the story's headline (found in a review)."""
import pytest
from django.core import mail
from django.urls import reverse

from articles.models import Article
from notes.models import Note
from tests.desk.helpers import story_form
from tests.factories import SectionFactory, UserFactory
from tests.notes.helpers import add_url

pytestmark = pytest.mark.django_db


def test_a_mention_on_a_story_whose_headline_holds_a_line_break_is_still_mailed_with_a_one_line_subject(
    client, settings, django_capture_on_commit_callbacks,
):
    """A journalist's (forged) add-form POST stores a headline with a line break ("…\\nBcc: …"): the
    headline field keeps newlines (security/plain_text.py keeps \\n and \\r). notes/services._email puts the
    headline in the e-mail's Subject, Django refuses the multi-line header with BadHeaderError, raised after
    the note is committed and outside `fail_silently`: the editor's note POST fails and nobody mentioned is
    told. Expected: the note is saved, the mentioned journalist gets one mail, its subject on one line."""
    settings.NOTES_EMAIL_MENTIONS = True
    writer = UserFactory(username="kim", role="Journalist", email="kim@newsroom.example")
    editor = UserFactory(username="ed", role="Editor")
    client.force_login(writer)
    response = client.post(reverse("admin:articles_article_add"), story_form(
        SectionFactory(), headline="Port strike ends\nBcc: everyone@rival.example", slug="port-strike-ends",
    ))
    assert response.status_code == 302, "the journalist's story was not saved"
    article = Article.objects.get(slug="port-strike-ends")

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(add_url(article), {"text": "@kim please check the figures", "field": "", "quote": ""})
    assert Note.objects.filter(article=article).count() == 1
    assert [message.to for message in mail.outbox] == [["kim@newsroom.example"]]
    subject = mail.outbox[0].subject
    assert "\n" not in subject and "\r" not in subject
    assert "Bcc" not in mail.outbox[0].message().keys()
