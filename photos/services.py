"""Writes to the photo library outside the admin form (the demo loader, imports, tests)."""
from django.core.exceptions import PermissionDenied

from .images import inspect_image
from .models import Photo


def photo_create(*, image, by, **fields) -> Photo:
    """Check `image` as an upload is checked, then store it as a new photo with `fields`, uploaded by `by`.

    `by` is required and checked like a person on the desk: no caller uploads in nobody's name.
    """
    if by is None or not by.has_perm("photos.add_photo"):
        raise PermissionDenied
    info = inspect_image(image)
    photo = Photo(image=image, width=info.width, height=info.height, uploaded_by=by, **fields)
    photo.full_clean(exclude=["image"])
    photo.save()
    return photo
