from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Editors' desk")

    def ready(self):
        from photos import uses

        from .models import previewed_through_link

        uses.register_preview(previewed_through_link)
