from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DomainsConfig(AppConfig):
    name = "domains"
    verbose_name = _("Domains and site")

    def ready(self):
        from security.plain_text import keep_plain

        from . import signals  # noqa: F401  (connects cache invalidation)
        from .models import Domain, PlatformLink, SiteSettings

        # On every page (masthead, titles, footer): no control character (security/plain_text.py).
        keep_plain(SiteSettings, "site_name")
        keep_plain(PlatformLink, "label")
        keep_plain(Domain, "label")
