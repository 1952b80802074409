import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

from domains.cache import domain_table

from .models import Section


def site(request):
    """The site's name, its fixed links, the section menu and the footer, on every page."""
    return {
        "site_name": domain_table().site_name,  # the desk's Site settings, else settings.SITE_NAME
        "site_links": site_links(),
        # Called when a template prints them (the desk never does). Reader pages carry the `site` cache tag
        # for them (serving/pagecache.py).
        "section_menu": lambda: section_menu(request),
        "site_footer": site_footer,
    }


def site_links() -> dict:
    """The links in every page's masthead and <head>, and its stylesheet: found once per process, not on
    every page (a release that changes static files restarts the processes)."""
    return _site_links(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.cache
def _site_links(script_prefix, urlconf) -> dict:
    names = {"home": "articles:home", "search": "articles:search", "rss": "articles:feed-rss", "atom": "articles:feed-atom"}
    return {
        **{key: reverse(name) for key, name in names.items()},
        "stylesheet": static("css/site.css"),
        "favicon": static("favicon.ico"),
    }


@receiver(setting_changed)
def forget_site_links(**kwargs):
    """Tests change STATIC_URL and the static files storage; a deployment changes them only by restarting."""
    _site_links.cache_clear()


def section_menu(request) -> str:
    """The masthead's list of top-level sections. Shares the section tree the view already read."""
    sections = [section for section in Section.objects.tree_for(request).values() if section.parent_id is None]
    return render_to_string("includes/section_menu.html", {"sections": sections})


def site_footer() -> str:
    # A cached page may show last year's year for up to PAGE_CACHE_SECONDS after midnight.
    return render_to_string("includes/footer.html", {"site_name": domain_table().site_name})
