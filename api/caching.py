"""What the API's own listings need purged beyond what articles/caching.py already purges."""
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.caching import shown_soon
from articles.models import Article
from serving.purges import purge

from . import removals
from .access import forget_key
from .models import ApiKey


def bylines_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A byline added to or taken from a live story changes the list of authors (`/api/v1/authors`)."""
    if not action.startswith("post_"):
        return
    stories = (pk_set or ()) if reverse else [instance.pk]
    if any(shown_soon(pk) for pk in stories):
        purge({"authors"})


def key_changed(sender, instance, **kwargs):
    """A key revoked, limited anew or deleted: every app server reads it again at its next request."""
    transaction.on_commit(lambda: forget_key(instance.key_hash), robust=True)


def connect() -> None:
    """Called from ApiConfig.ready()."""
    m2m_changed.connect(bylines_changed, sender=Article.authors.through, dispatch_uid="api:bylines")
    post_save.connect(key_changed, sender=ApiKey, dispatch_uid="api:key-saved")
    post_delete.connect(key_changed, sender=ApiKey, dispatch_uid="api:key-deleted")
    removals.connect()
