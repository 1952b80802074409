"""Cache invalidation only: a saved or deleted domain, site setting or platform link drops the cached table
and purges every page (the `site` tag): the footer lists the mirrors, canonical links name the primary."""
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from serving.purges import purge

from .cache import invalidate
from .models import Domain, PlatformLink, SiteSettings


@receiver([post_save, post_delete], sender=Domain)
@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=PlatformLink)
def drop_cached_domain_table(**kwargs):
    invalidate()
    # Again after the commit: a server that reloaded between this save and the commit read the old rows.
    transaction.on_commit(invalidate)
    purge(["site"], hard=True)  # a mirror switched off must not stay served from a front cache
    if settings.REDIS_URL or settings.FRONT_CACHES:
        # Other processes may render with their copy of the old table for up to DOMAIN_CACHE_SECONDS:
        # purge what they rendered meanwhile once every copy is renewed.
        transaction.on_commit(lambda: threading.Timer(settings.DOMAIN_CACHE_SECONDS, purge, [["site"]], {"hard": True}).start())
