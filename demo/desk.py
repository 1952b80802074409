"""Demo records for the desk: each demo story in review or scheduled gets the transition that put it there."""
from datetime import timedelta

from articles.models import Article
from desk.models import ArticleTransition

SUBMISSION_NOTE = "Ready for a read. The council's figures are in paragraph three; the spokesperson's reply is on record."


def seed_desk(users) -> int:
    """Record how the demo stories reached review or the schedule; safe to run twice. Return how many were added."""
    added = 0
    Status = Article.Status
    for article in Article.objects.filter(status=Status.REVIEW).exclude(transitions__isnull=False):
        ArticleTransition.objects.create(
            article=article, from_status=Status.DRAFT, to_status=Status.REVIEW,
            by=article.created_by, at=article.updated_at - timedelta(minutes=5), note=SUBMISSION_NOTE,
        )
        added += 1
    for article in Article.objects.scheduled().exclude(transitions__isnull=False):
        ArticleTransition.objects.create(
            article=article, from_status=Status.REVIEW, to_status=Status.PUBLISHED,
            by=users["editor"], at=article.updated_at, publish_at=article.publish_at,
            note="Holding for the morning edition.",
        )
        added += 1
    return added
