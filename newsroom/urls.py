from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from api.urls import urls as api_urls

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),  # ADMIN_PATH: the desk's address, "admin/" by default
    path("api/v1/", api_urls),  # the content API (api/views.py)
    path("", include("desk.urls")),
    path("", include("planning.urls")),
    path("", include("serving.urls")),
    path("", include("articles.urls")),
    path("", include("live.urls")),
    path("", include("photos.urls")),
]

# MEDIA_ROOT is never served, not even in development: it holds uploaded originals, which may be
# hostile (a GIF that is also a script). Readers get re-encoded renditions from photos.views.

handler500 = "security.views.server_error"
handler403 = "desk.views.permission_denied"  # on the desk: a page saying what the role may do
