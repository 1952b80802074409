from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from serving.tags import add as add_tags

from . import uses
from .images import RENDITION_FORMATS
from .models import Photo
from .renditions import rendition_bytes


def can_preview_photos(user) -> bool:
    """Desk staff see photos of stories that are not public yet, as they preview those stories."""
    return user.is_authenticated and user.is_staff and user.has_perm("photos.view_photo")


@require_safe
def rendition(request, pk, width, extension):
    """Serve a re-encoded rendition: never the original, and only of photos in a published story.

    A photo used only by drafts or scheduled stories would show a scoop before its time, so readers
    get 404 (kept by no cache); desk staff get it uncached, for previews. A public one is cached like a
    page (serving/pagecache.py), under its tag and those of the stories showing it: a withdrawal purges it,
    and browsers keep nothing, so that a withdrawn story's photo is gone at once.
    """
    photo = get_object_or_404(Photo, pk=pk)
    if int(width) not in photo.rendition_widths:
        raise Http404("No rendition of that width.")
    # One read decides both whether it is public and the tags it is kept under: a withdrawal committed
    # between two reads could leave it cached under tags no purge names.
    shown_on = uses.shown_on(photo)
    public = bool(shown_on)
    if not public and not (can_preview_photos(request.user) or uses.previewed(request, photo)):
        raise Http404("No published story carries this photo.")
    try:
        data = rendition_bytes(photo, width=int(width), extension=extension)
    except FileNotFoundError:
        raise Http404("The original is missing from storage.") from None
    response = HttpResponse(data, content_type=RENDITION_FORMATS[extension][1])
    # Belt and braces against content sniffing: the bytes were re-encoded by Pillow, the type is
    # declared, browsers must not guess, and nothing in the response may run or load anything.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = f'inline; filename="photo-{photo.pk}-{width}.{extension}"'
    if public:
        add_tags(request, f"photo-{photo.pk}", *shown_on)
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response
