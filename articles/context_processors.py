from django.conf import settings

from .models import Section


def site(request):
    """The site's name and the top-level sections for the navigation, on every page."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": Section.objects.filter(parent__isnull=True),
    }
