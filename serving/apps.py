from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServingConfig(AppConfig):
    """The page cache, cache tags, purges and the clock cap. It knows no model: apps register what
    purges what (serving.purges.purge) and what has a schedule (serving.clock.register) in their ready()."""

    name = "serving"
    verbose_name = _("Production serving")
