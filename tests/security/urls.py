"""A URLconf for tests that need a view that fails: the site's own patterns plus a few broken ones."""
from django.db import OperationalError
from django.urls import include, path


def crash(request):
    raise ValueError("something broke in a view")


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


urlpatterns = [
    path("boom/", crash),
    path("database-gone/", database_gone),
    path("", include("newsroom.urls")),
]

handler500 = "security.views.server_error"
