"""Record when a save or a delete takes a story out of the changes feed's sight (api/changes.py), so that the
feed can say it was removed.

The feed lists a story while the gate shows it (live) or while it is published with a past expiry (its
expiry is its removal): a story in either before the save and in neither after it was removed by that save,
as is one deleted. Publications and expiries need no record: they are times the story keeps.

The same record dates a withdrawal for the site's feeds and sitemap index (`left_at`, registered with
articles.extensions): their date moves forward when a story is withdrawn, not back to the story before.
"""
from django.db.models.signals import post_save, pre_delete, pre_save

from articles import extensions
from articles.models import Article

from .models import Removal


def in_feed(pk) -> bool:
    """Whether the changes feed lists the story as live or as expired."""
    return (Article.objects.published() | Article.objects.expired()).filter(pk=pk).exists()


def remember_before(sender, instance, raw=False, **kwargs):
    instance._api_in_feed = not raw and instance.pk is not None and in_feed(instance.pk)


def story_saved(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_api_in_feed", False) and not in_feed(instance.pk):
        Removal.objects.create(article_id=instance.pk)


def story_deleted(sender, instance, **kwargs):
    if in_feed(instance.pk):  # before the row goes, in the delete's transaction
        Removal.objects.create(article_id=instance.pk)


def left_at():
    """The latest moment a save or a delete took a story off the site, as a query of one value (none if none ever
    did), for articles to read in its own (the feeds' dates, the sitemap index)."""
    return Removal.objects.order_by("-removed_at").values("removed_at")[:1]


def connect() -> None:
    extensions.register(left_at=left_at)
    pre_save.connect(remember_before, sender=Article, dispatch_uid="api:removals:before")
    post_save.connect(story_saved, sender=Article, dispatch_uid="api:removals:saved")
    pre_delete.connect(story_deleted, sender=Article, dispatch_uid="api:removals:deleted")
