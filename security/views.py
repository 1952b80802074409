"""Views that keep failures and uploads harmless: the 500/503 handler, the lockout page, dev media."""
import sys
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.views import defaults, static

from .middleware import DATABASE_ERRORS
from .responses import database_unavailable

# Uploads a browser may show inline. Everything else is a download: an uploaded page or SVG served from
# the site's origin could run script with the reader's (or an editor's) cookies.
INLINE_MEDIA_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}
REFUSED_MEDIA_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".js", ".mjs"}


def server_error(request):
    """handler500: a database outage met outside a view (say, in a middleware) is a 503 too."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable()
    return defaults.server_error(request, template_name="security/500.html")


def lockout(request, original_response=None, credentials=None):
    """django-axes' lockout response: a page that says what happened and when to try again (429)."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": int(cool_off.total_seconds() // 60),
    }
    response = TemplateResponse(request, "security/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()


def serve_media(request, path):
    """Serve an upload in development, never as a page: raster images inline, anything else as a download."""
    if PurePosixPath(path).suffix.lower() in REFUSED_MEDIA_SUFFIXES:
        raise Http404("This kind of file is not served.")
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if response.status_code == 200 and content_type not in INLINE_MEDIA_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = content_disposition_header(True, PurePosixPath(path).name)
        response.headers.pop("Content-Encoding", None)  # x.html.gz must not be unpacked and shown
    response["X-Content-Type-Options"] = "nosniff"
    # Even an image opened on its own runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
