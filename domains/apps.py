from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DomainsConfig(AppConfig):
    name = "domains"
    verbose_name = _("Domains and site")

    def ready(self):
        from . import signals  # noqa: F401  (connects cache invalidation)
