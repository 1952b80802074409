from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [path("bench/bare-article/", views.bare_article, name="bare-article")]
