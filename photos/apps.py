from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def purge_shown(prefix):
    """A photo's caption, alt text or credit, or an agency's name in credit lines: the pages showing it."""
    def receiver(sender, instance, **kwargs):
        from serving.purges import purge

        purge([f"{prefix}-{instance.pk}"])
    return receiver


def remember_stored_image(sender, instance, **kwargs):
    """Before a save, note the original in storage now, to remove it if the save replaces it."""
    if instance.pk and not instance._state.adding:
        instance.stored_image_name = sender.objects.filter(pk=instance.pk).values_list("image", flat=True).first()


def lock_users_first(lock):
    """Before a photo's or an agency's row is written (and so locked), lock what shows it: the stories, then the
    live coverages (photos.uses). Every save, the form's and a script's alike, keeps the one lock order, and what
    its change reaches next (the stories' time of change, the entries' revisions) is already held."""
    def receiver(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None and not instance._state.adding:
            lock(instance)
    return receiver


def forget_replaced_image(sender, instance, **kwargs):
    """A replaced original and its renditions leave storage, once the replacement is committed."""
    from django.db import transaction

    from .renditions import forget_files

    old = getattr(instance, "stored_image_name", None)
    if old and old != instance.image.name:
        version = old.rsplit("/", 1)[-1].split(".", 1)[0][:12]  # as Photo.version names it
        pk = instance.pk
        transaction.on_commit(lambda: forget_files(pk=pk, image_name=old, version=version), robust=True)


def forget_deleted_image(sender, instance, **kwargs):
    """A deleted photo's original and renditions leave storage, once the deletion is committed."""
    from django.db import transaction

    from .renditions import forget_files

    pk, name = instance.pk, instance.image.name
    transaction.on_commit(lambda: forget_files(pk=pk, image_name=name), robust=True)


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = _("photos")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save, pre_save
        from PIL import Image

        from security.plain_text import keep_plain

        from . import uses
        from .models import Agency, Photo

        keep_plain(Photo, "caption", "alt_text", "photographer", "released_by")
        keep_plain(Agency, "name", "short_name")

        # Pillow's own decompression-bomb guard, at our limit, for every decode in the process
        # (uploads are also checked explicitly in photos/images.py before any pixel is decoded).
        Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
        for model, prefix in ((Photo, "photo"), (Agency, "agency")):
            receiver = purge_shown(prefix)
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"purge:{prefix}:save")
            post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"purge:{prefix}:delete")
        pre_save.connect(lock_users_first(uses.lock_users), sender=Photo, weak=False, dispatch_uid="photos:lock-users")
        pre_save.connect(lock_users_first(uses.lock_agency_users), sender=Agency, weak=False, dispatch_uid="agency:lock-users")
        # Storage keeps no file of a replaced or deleted photo (originals may be large, and private).
        pre_save.connect(remember_stored_image, sender=Photo, dispatch_uid="photos:remember-image")
        post_save.connect(forget_replaced_image, sender=Photo, dispatch_uid="photos:forget-replaced")
        post_delete.connect(forget_deleted_image, sender=Photo, dispatch_uid="photos:forget-deleted")
