from django.urls import re_path

from . import views

app_name = "photos"

urlpatterns = [
    re_path(r"^photos/(?P<pk>[1-9][0-9]*)/(?P<width>[1-9][0-9]*)\.(?P<extension>webp|jpg)$", views.rendition, name="rendition"),
]
