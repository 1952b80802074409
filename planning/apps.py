from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "planning"
    verbose_name = _("Planning")

    def ready(self):
        from security.plain_text import keep_plain

        from .models import Assignment

        # Text pasted from Word brings invisible control characters, which the calendar feed cannot carry.
        keep_plain(Assignment, "slug", "working_headline", "notes")
