"""A URLconf for tests that need a view that fails: the site's own patterns plus a few broken ones."""
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


def crash(request):
    raise ValueError("something broke in a view")


@csrf_exempt
def crash_unchecked(request):  # as the API's exempt views: no CSRF check ran
    raise ValueError("something broke in an exempt view")


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def session_save_fails(request):
    """The view is done; the session middleware's save, after it, meets the outage."""
    request.session["seen"] = True
    request.session.save = lambda *args, **kwargs: database_gone(request)
    return HttpResponse("saved")


urlpatterns = [
    path("boom/", crash),
    path("boom-unchecked/", crash_unchecked),
    path("boom-after/", session_save_fails),
    path("database-gone/", database_gone),
    path("", include("newsroom.urls")),
]

handler500 = "security.views.server_error"
