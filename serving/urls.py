from django.conf import settings
from django.urls import include, path

from . import views

app_name = "serving"

urlpatterns = [path("healthz", views.healthz, name="healthz")]

if settings.BENCH:
    urlpatterns += [path("", include("serving.bench"))]
