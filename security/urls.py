import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import re_path

from .views import serve_media


def media_urlpatterns(debug=None):
    """Return the development route for uploads (through serve_media), like static() does.

    Empty unless DEBUG is on and MEDIA_URL is on this site: in production the web server or object
    storage serves uploads, and the photos app serves renditions through its own view.
    """
    debug = settings.DEBUG if debug is None else debug
    if not debug or urlsplit(settings.MEDIA_URL).netloc:
        return []
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")]
