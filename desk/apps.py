from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Editors' desk")

    def ready(self):
        from live import updates
        from notes.services import blocking_message
        from photos import uses

        from .models import previewed_through_link

        uses.register_preview(previewed_through_link)
        # A blocking note holds a scheduled update at its time, as it holds the story's publication.
        if blocking_message not in updates.holds:
            updates.holds.append(blocking_message)
