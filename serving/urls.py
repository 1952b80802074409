from django.urls import path

from . import fragments, views

app_name = "serving"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("fragment/<slug:name>/", fragments.fragment, name="fragment"),
]
