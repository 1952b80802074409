from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "planning"
    verbose_name = _("Planning")

    def ready(self):
        from django.db.models.signals import pre_delete

        from articles.models import Article
        from security.plain_text import keep_plain

        from .models import Assignment
        from .services import story_deleted

        pre_delete.connect(story_deleted, sender=Article, dispatch_uid="planning:story-deleted")

        # Text pasted from Word brings invisible control characters, which the calendar feed cannot carry.
        keep_plain(Assignment, "slug", "working_headline", "notes")
