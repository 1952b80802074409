from django.utils.functional import SimpleLazyObject

from domains.cache import domain_table

from .models import Section


def site(request):
    """The site's name and the top-level sections for the navigation, on every page."""
    return {
        "site_name": domain_table().site_name,  # the desk's Site settings, else settings.SITE_NAME
        # Lazy: pages without the menu (the desk) never read the sections; pages with it share the
        # section tree their view already read.
        "nav_sections": SimpleLazyObject(
            lambda: [section for section in Section.objects.tree_for(request).values() if section.parent_id is None]
        ),
    }
