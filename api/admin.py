from django.contrib import admin
from django.template.response import TemplateResponse
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
        if not change:
            obj.created_by = request.user
            request.issued_token = obj.issue_token()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """The new key's token, on the answer to the form that made it (never cached: an admin view). A message
        would have carried it to the next page in a cookie, stored in the browser and sent back."""
        return TemplateResponse(request, "api/admin/key_issued.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "key": obj, "token": request.issued_token,
            "title": _("New API key"),
        })
