from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from security.urls import media_urlpatterns

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),  # ADMIN_PATH: the desk's address, "admin/" by default
    path("", include("articles.urls")),
]

# Uploads in development only, never served as HTML or SVG (security/views.py).
urlpatterns += media_urlpatterns()

handler500 = "security.views.server_error"
