from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("live/<int:pk>/head.json", views.head, name="head"),
    path("live/<int:pk>/entries/", views.entries, name="entries"),
    path("live/<int:pk>/edits/", views.edits, name="edits"),
    path("live/<int:pk>/older/", views.older, name="older"),
    path("live/<int:pk>/entry/<int:entry_pk>/", views.entry, name="entry"),
    path("live/<int:pk>/feed/", views.KeyEventsFeed(), name="feed"),
]
