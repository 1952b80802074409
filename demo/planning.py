"""Demo budget lines and a note on a draft, so the planning board and the notes panel have something to show."""
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Section
from notes.services import note_add
from planning.models import Assignment

from .content import PLANNING


def seed_planning(users) -> int:
    """Add the demo assignments and notes that are not there yet, timed from now; return how many were added."""
    added, now = 0, timezone.now()
    for line in PLANNING["assignments"]:
        if Assignment.objects.filter(slug=line["slug"]).exists():
            continue
        assignment = Assignment.objects.create(
            slug=line["slug"], working_headline=line["working_headline"], desk=Section.objects.get(slug=line["desk"]),
            editor=users["editor"], due_at=now + timedelta(hours=line["due_in_hours"]),
            publish_from=now + timedelta(hours=line["publish_in_hours"]), target_words=line["target_words"],
            art=line["art"], status=line["status"], notes=line["notes"],
            story=Article.objects.filter(slug=line["story"]).first() if line["story"] else None,
        )
        assignment.assignees.set(users[name] for name in line["assignees"])
        added += 1
    for note in PLANNING["notes"]:
        article = Article.objects.filter(slug=note["story"]).first()
        if article is None:
            continue
        note_add(article=article, by=users["editor"], text=note["text"], field=note["field"], quote=note["quote"],
                 blocking=note["blocking"])
        added += 1
    return added
