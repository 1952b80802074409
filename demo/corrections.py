"""Demo corrections and updates: notes on two demo stories, written for the demo."""
from datetime import timedelta

from articles.models import Article, Correction

from .content import NOTES

def seed_corrections(editor) -> int:
    """Add the demo notes to the published demo stories; return how many were added."""
    added = 0
    for note in NOTES:
        slug, kind, minutes, text = note["slug"], note["kind"], note["minutes_after"], note["text"]
        article = Article.objects.filter(slug=slug, status=Article.Status.PUBLISHED).first()
        if article is None:
            continue
        Correction.objects.create(
            article=article, kind=kind, text=text, created_by=editor,
            created_at=article.publish_at + timedelta(minutes=minutes),
        )
        added += 1
    return added
