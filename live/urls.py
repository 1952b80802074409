from django.urls import path

import articles.urls  # noqa: F401  registers the "id" converter: a story's id as links write it, no leading zero

from . import views

app_name = "live"

urlpatterns = [
    path("live/<id:pk>/head.json", views.head, name="head"),
    path("live/<id:pk>/entries/", views.entries, name="entries"),
    path("live/<id:pk>/edits/", views.edits, name="edits"),
    path("live/<id:pk>/older/", views.older, name="older"),
    path("live/<id:pk>/entry/<id:entry_pk>/", views.entry, name="entry"),
    path("live/<id:pk>/feed/", views.KeyEventsFeed(), name="feed"),
]
