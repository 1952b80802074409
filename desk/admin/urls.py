"""The story admin's own pages, named the way Django names a model's admin pages."""
from django.urls import path


def model_admin_urls(model_admin, pages) -> list:
    """Each `(route, view, name)` of `pages` as one of `model_admin`'s URLs: the view behind the admin's login
    check, the name prefixed like Django's own for the model (`admin:articles_article_schedule`)."""
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    view = model_admin.admin_site.admin_view
    return [path(route, view(page), name=f"{prefix}_{name}") for route, page, name in pages]
