from domains.cache import domain_table

from .models import Section


def site(request):
    """The site's name and the top-level sections for the navigation, on every page."""
    return {
        "site_name": domain_table().site_name,  # the desk's Site settings, else settings.SITE_NAME
        "nav_sections": Section.objects.filter(parent__isnull=True),
    }
