"""Demo corrections and updates: notes on two demo stories, written for the demo (idempotent)."""
from datetime import timedelta

from .models import Article, Correction

# (story slug, kind, minutes after publication, text)
DEMO_NOTES = [
    ("danube-delta-towns-begin-flood-clean-up", Correction.Kind.CORRECTION, 95,
     "An earlier version of this story said 400 people had been evacuated from Portica. "
     "Local officials put the figure at more than 600."),
    ("danube-delta-towns-begin-flood-clean-up", Correction.Kind.UPDATE, 240,
     "Engineers finished inspecting the two damaged dykes on Tuesday evening and said both would hold."),
    ("committee-delays-vote-electoral-boundary-review", Correction.Kind.UPDATE, 120,
     "The committee has set a new date for the vote: the first sitting after the recess."),
]


def seed_corrections(editor) -> int:
    """Add the demo notes to published demo stories that have none yet; return how many were added."""
    added = 0
    for slug, kind, minutes, text in DEMO_NOTES:
        article = Article.objects.filter(slug=slug, status=Article.Status.PUBLISHED).first()
        if article is None or article.corrections.filter(text=text).exists():
            continue
        Correction.objects.create(
            article=article, kind=kind, text=text, created_by=editor,
            created_at=article.publish_at + timedelta(minutes=minutes),
        )
        added += 1
    return added
