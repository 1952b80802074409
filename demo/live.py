"""The demo's live story: its coverage, entries (a pinned summary, a key event, a correction, a photo
with an agency credit) and one active breaking-news alert."""
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article
from live.models import Alert, LiveCoverage, LiveEntry
from photos.models import Agency
from photos.services import photo_create

from .content import LIVE
from .photos import draw_scene


def seed_live(users) -> None:
    article = Article.objects.filter(slug=LIVE["slug"], status=Article.Status.PUBLISHED).first()
    if article is None:
        return
    coverage = LiveCoverage.objects.create(article=article, started_at=article.publish_at)
    # Written as the story unfolded, so not through the services, which publish now or later only.
    for number, spec in enumerate(LIVE["entries"], start=1):
        LiveEntry.objects.create(
            coverage=coverage, kind=spec["kind"], headline=spec["headline"], body=spec["body"],
            author=users[spec["author"]], status=LiveEntry.Status.PUBLISHED, is_pinned=spec.get("pinned", False),
            published_at=article.publish_at + timedelta(minutes=spec["minutes_after"]),
            photo=demo_photo(spec["photo"], users[spec["author"]]) if "photo" in spec else None,
            stamp=number, revision=number,
        )
    LiveCoverage.objects.filter(pk=coverage.pk).update(changes=len(LIVE["entries"]))
    Alert.objects.create(article=article, created_by=users["editor"], **LIVE["alert"])


def demo_photo(spec, by):
    image = ContentFile(draw_scene(spec["scene"], seed=99), name="demo.jpg")
    return photo_create(
        image=image, by=by, caption=spec["caption"], alt_text=spec["alt_text"], credit_type=spec["credit_type"],
        agency=Agency.objects.get(short_name=spec["agency"]), taken_on=timezone.localdate(),
    )
