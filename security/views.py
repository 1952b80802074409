"""Views that keep failures harmless: the 500/503 handler and the lockout page."""
import sys

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.views import defaults

from .middleware import DATABASE_ERRORS
from .responses import database_unavailable


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

