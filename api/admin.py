from django.contrib import admin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from security.stale_forms import SeenAdmin
from times.desk import DeskTimes, desk_time_column

from .models import ApiKey

ISSUED = "api:issued-tokens"  # new keys' tokens by key id, in the session until each key's page shows it once


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
        """On to the key's page, which shows its token once. Not a message: it would carry the token to that page in a
        cookie, stored in the browser and sent back. Not the form's own answer either: reloaded, it made another key.
        The token waits in the session (server side) for that one page."""
        request.session[ISSUED] = {**request.session.get(ISSUED, {}), str(obj.pk): request.issued_token}
        return redirect("admin:api_apikey_change", obj.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issued = request.session.get(ISSUED, {})
        if request.method == "GET" and str(object_id) in issued and self.has_change_permission(request):
            token = issued.pop(str(object_id))
            request.session[ISSUED] = issued  # another tab's key keeps its own until its page shows it
            key = self.get_object(request, object_id)
            return TemplateResponse(request, "api/admin/key_issued.html", {
                **self.admin_site.each_context(request), "opts": self.opts, "key": key, "token": token,
                "title": _("New API key"),
            })
        return super().change_view(request, object_id, form_url, extra_context)
