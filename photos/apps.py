from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def purge_shown(prefix):
    """A photo's caption, alt text or credit, or an agency's name in credit lines: the pages showing it."""
    def receiver(sender, instance, **kwargs):
        from serving.purges import purge

        purge([f"{prefix}-{instance.pk}"])
    return receiver


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = _("photos")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save
        from PIL import Image

        from .models import Agency, Photo

        # Pillow's own decompression-bomb guard, at our limit, for every decode in the process
        # (uploads are also checked explicitly in photos/images.py before any pixel is decoded).
        Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
        for model, prefix in ((Photo, "photo"), (Agency, "agency")):
            receiver = purge_shown(prefix)
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"purge:{prefix}:save")
            post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"purge:{prefix}:delete")
