"""The anchoring fixture and URLs shared by the notes tests."""
import json
from pathlib import Path

from django.urls import reverse

ANCHOR_EDITS = json.loads((Path(__file__).parent / "anchor_edits.json").read_text())


def add_url(article):
    return reverse("admin:notes_note_add_to", args=[article.pk])


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])
