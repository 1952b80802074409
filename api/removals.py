"""Record when a save or a delete takes a live story off the site, for the changes feed (api/changes.py).

The gate decides, before and after: a story the gate showed before the save and does not after it was
removed by that save. Publications and expiries need no record: they are times the story keeps.
"""
from django.db.models.signals import post_delete, post_save, pre_save

from articles.models import Article

from .models import Removal


def remember_before(sender, instance, raw=False, **kwargs):
    instance._api_was_live = not raw and instance.pk is not None and Article.objects.published().filter(pk=instance.pk).exists()


def story_saved(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_api_was_live", False) and not instance.is_published:
        Removal.objects.create(article_id=instance.pk)


def story_deleted(sender, instance, **kwargs):
    if instance.is_published:
        Removal.objects.create(article_id=instance.pk)


def connect() -> None:
    pre_save.connect(remember_before, sender=Article, dispatch_uid="api:removals:before")
    post_save.connect(story_saved, sender=Article, dispatch_uid="api:removals:saved")
    post_delete.connect(story_deleted, sender=Article, dispatch_uid="api:removals:deleted")
