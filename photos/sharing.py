"""The one picture other sites get of a story: feeds' enclosures, OpenGraph and Twitter cards, JSON-LD.

Every consumer gets the same JPEG rendition (1200 pixels wide, or the widest a smaller photo has), its
size, and the photo's caption, alt text and credit line as typed: plain text, escaped by whoever prints it.
The credit is always `Photo.credit`, worded in one place (photos/credits.py).
"""
from dataclasses import dataclass

from django.core.files.storage import default_storage

from .credits import visible
from .renditions import rendition_bytes, rendition_name

SHARED_WIDTH = 1200  # what OpenGraph, Twitter cards and Google's article images ask for
SHARED_EXTENSION = "jpg"  # every feed reader and social site takes JPEG
SHARED_TYPE = "image/jpeg"


@dataclass(frozen=True)
class SharedImage:
    photo: object
    path: str  # the rendition's relative URL; callers make it absolute on the domain they need
    width: int
    height: int

    @property
    def caption(self) -> str:
        return self.photo.caption

    @property
    def alt_text(self) -> str:
        return self.photo.alt_text

    @property
    def credit(self) -> str:
        return self.photo.credit

    def byte_size(self) -> int | None:
        """Return the rendition's size in bytes (RSS enclosures require it), drawing it if it was never asked for.

        None when the original is missing from storage: the enclosure is then left out.
        """
        name = rendition_name(self.photo, self.width, SHARED_EXTENSION)
        if default_storage.exists(name):
            return default_storage.size(name)
        try:
            return len(rendition_bytes(self.photo, width=self.width, extension=SHARED_EXTENSION))
        except FileNotFoundError:
            return None


def shared_image(photo) -> SharedImage | None:
    """Return the picture to share for `photo` (a story's lead photo), or None without one. No query."""
    if photo is None:
        return None
    # Always one: the widths offered are capped at the photo's own, and 1200 is one of them.
    width = max(w for w in photo.rendition_widths if w <= SHARED_WIDTH)
    return SharedImage(
        photo=photo,
        path=photo.rendition_url(width, SHARED_EXTENSION),
        width=width,
        height=photo.rendition_height(width),
    )


def image_creator(photo) -> dict | None:
    """Return who made the picture, as schema.org data, by the rules of its credit line (photos/credits.py): a
    handout's releaser (else its agency), never a photographer its "(Via AFP)" leaves out; else the photographer;
    else the agency, never one left selected on a staff photo."""
    agency = visible(photo.agency.name) if photo.agency_id else ""  # names of invisible characters alone: no one
    if photo.credit_type == photo.CreditType.VIA_AGENCY:
        name = visible(photo.released_by) or agency
        return {"@type": "Organization", "name": name} if name else None
    if photographer := visible(photo.photographer):
        return {"@type": "Person", "name": photographer}
    if agency and photo.credit_type != photo.CreditType.STAFF:
        return {"@type": "Organization", "name": agency}
    return None
