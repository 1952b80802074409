from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = _("photos")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow's own decompression-bomb guard, at our limit, for every decode in the process
        # (uploads are also checked explicitly in photos/images.py before any pixel is decoded).
        Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
