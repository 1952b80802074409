"""Views that keep failures harmless: the 500/503 handler and the lockout page."""
import sys

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponseServerError
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from .middleware import DATABASE_ERRORS
from .refusals import typed_back
from .responses import database_unavailable


def server_error(request):
    """handler500: a database outage met outside a view (say, in a middleware) is a 503 too. Either page gives back
    what a failed post typed (a save that met a bug loses no words)."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(typed_back(request))
    return HttpResponseServerError(render_to_string("security/500.html", {"typed": typed_back(request)}))


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

