"""A refused note's text waits in the session for the story's page to give it back (notes/admin.py `_refused`): a desk
page the same editor has loading in another tab (read the session before, finished after) does not write its older
copy of the session over it. With SESSION_SAVE_EVERY_REQUEST (tried and dropped), every request wrote back the whole
session it read, and the note typed with care was gone (found by a reviewer)."""
import pytest
from django.contrib import admin
from django.urls import reverse

from notes.models import Note
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.notes.helpers import add_url, change_url

BODY = "<p>The minister, Jo Park, denied the report on Tuesday.</p>"
TYPED = "Typed with care: who told us the figures were wrong, and when?"


@pytest.mark.django_db
def test_a_refused_notes_text_survives_a_desk_page_loading_in_another_tab(client, monkeypatch):
    editor = UserFactory(username="ed", role="Editor")
    article = ArticleFactory(body=BODY, section=SectionFactory(slug="politics"))
    client.force_login(editor)
    site_class = type(admin.site._wrapped) if hasattr(admin.site, "_wrapped") else type(admin.site)
    each_context = site_class.each_context
    refused = []

    def the_other_tab_meanwhile(self, request):
        # The desk's home, loading in another tab, has read the session; the note is sent (and refused) meanwhile.
        if not refused:
            refused.append(client.post(add_url(article), {"text": TYPED, "field": "body", "quote": "not in the story"}))
        return each_context(self, request)

    monkeypatch.setattr(site_class, "each_context", the_other_tab_meanwhile)
    assert client.get(reverse("admin:index")).status_code == 200
    monkeypatch.setattr(site_class, "each_context", each_context)
    assert refused and refused[0].status_code == 302 and not Note.objects.exists()

    form = client.get(change_url(article)).context["notes"]["form"]
    assert form["text"].value() == TYPED, "the refused note's text was lost"
