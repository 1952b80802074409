from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def reanchor_on_save(sender, instance, raw=False, **kwargs):
    from .services import notes_reanchor

    if not raw:
        notes_reanchor(article=instance)


class NotesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notes"
    verbose_name = _("Notes")

    def ready(self):
        from articles.models import Article

        # Anchors follow every save of the text, however it was saved (desk form, buttons, restore):
        # a side effect the workflow needn't know about, like a cache purge.
        post_save.connect(reanchor_on_save, sender=Article, dispatch_uid="notes.reanchor")
