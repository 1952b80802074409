"""The project's addresses, and before its readers' catch-all paths the bare ceiling view (bench/settings.py)."""
from django.urls import include, path

from newsroom.urls import handler403, handler500, urlpatterns as project  # noqa: F401  (the handlers, as the project's)

from . import views

urlpatterns = [
    path("bench/", include(([path("bare-article/", views.bare_article, name="bare-article")], "bench"))),
    *project,
]
