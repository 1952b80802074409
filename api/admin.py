from django.contrib import admin, messages
from django.utils.translation import gettext as _

from security.stale_forms import SeenAdmin
from times.desk import DeskTimes, desk_time_column

from .models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(DeskTimes, SeenAdmin, admin.ModelAdmin):
    """API keys, for site admins (only superusers hold the api app's permissions). A key is shown once, when
    it is made; the database keeps only its SHA-256. Untick *active* to revoke one."""

    list_display = ["name", "prefix", "is_active", "rate_limit", desk_time_column(ApiKey, "created_at"), "created_by"]
    list_filter = ["is_active"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "created_by"]
    fields = ["name", "rate_limit", "is_active", "prefix", "created_at", "created_by"]
    seen_fields = ["name", "rate_limit", "is_active"]  # two site admins on one key: a colleague's change is told

    def save_model(self, request, obj, form, change):
        token = None
        if not change:
            obj.created_by = request.user
            token = obj.issue_token()
        super().save_model(request, obj, form, change)
        if token:
            self.message_user(
                request,
                _("The key for “%(name)s” is %(token)s — copy it now: it is not stored and will not be shown again.")
                % {"name": obj.name, "token": token},
                messages.WARNING,
            )
