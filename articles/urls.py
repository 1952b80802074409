from django.urls import path

from . import search, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("story/<int:pk>/", views.ArticleDetailView.as_view(), name="detail-short"),
    path("story/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("search/", search.SearchView.as_view(), name="search"),
]
