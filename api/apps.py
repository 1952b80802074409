from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public content API (/api/v1/): a reader surface, like the pages, behind the same gate and caches."""

    name = "api"
    verbose_name = _("Content API")

    def ready(self):
        from . import caching

        caching.connect()
