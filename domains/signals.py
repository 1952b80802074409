"""Cache invalidation only: a saved or deleted domain, site setting or platform link drops the cached table."""
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import invalidate
from .models import Domain, PlatformLink, SiteSettings


@receiver([post_save, post_delete], sender=Domain)
@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=PlatformLink)
def drop_cached_domain_table(**kwargs):
    invalidate()
    # Again after the commit: a server that reloaded between this save and the commit read the old rows.
    transaction.on_commit(invalidate)
