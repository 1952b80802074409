"""Renditions: made once with Pillow on first request, kept in Django's default storage, reused after."""
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .images import render


def rendition_name(photo, width: int, extension: str) -> str:
    # Keyed on the original's random name: replacing the image gives new renditions, never stale ones.
    return f"photos/renditions/{photo.pk}/{photo.version}-{width}.{extension}"


def rendition_bytes(photo, *, width: int, extension: str) -> bytes:
    """Return the rendition's bytes, drawing and storing it the first time it is asked for.

    Storage is Django's default, so the same code works on local disk or S3-compatible storage.
    """
    name = rendition_name(photo, width, extension)
    stored = None
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as file:
            stored = file.read()
        if whole(stored, extension):
            return stored
    with photo.image.open("rb") as original:
        data = render(original, width=width, extension=extension)
    if stored is None:  # else another request is still writing it (a disk writes in place): this one is not kept
        # Two first requests at once both draw it; the second save gets another name and is harmless.
        default_storage.save(name, ContentFile(data))
    return data


def whole(data: bytes, extension: str) -> bool:
    """Whether a stored rendition was written to its end: a JPEG ends with its end-of-image marker, a WebP (RIFF) is
    as long as its header says. One read while a first request still wrote it was served cut short, and kept."""
    if extension == "jpg":
        return data.endswith(b"\xff\xd9")
    return len(data) >= 8 and len(data) == 8 + int.from_bytes(data[4:8], "little")


def forget_files(*, pk: int, image_name: str, version: str | None = None) -> None:
    """Remove a photo's original `image_name` and its renditions from storage: those drawn from
    `version` of the image (it was replaced), or all of them (the photo was deleted)."""
    if image_name:
        default_storage.delete(image_name)
    folder = f"photos/renditions/{pk}"
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        if version is None or name.startswith(f"{version}-"):
            default_storage.delete(f"{folder}/{name}")
