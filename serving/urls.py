from django.conf import settings
from django.urls import include, path

from . import fragments, views

app_name = "serving"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("fragment/<slug:name>/", fragments.fragment, name="fragment"),
]

if settings.BENCH:
    urlpatterns += [path("", include("serving.bench"))]
