from django.contrib import admin
from django.db import models
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from security.admin_access import admin_only_for
from security.refusals import each_reporting_refusals
from security.stale_forms import RowsKeptFormSet, SeenAdmin, SeenChangeList

from .forms import DomainAdminForm, SiteSettingsForm
from .models import Domain, PlatformLink, SiteSettings
from .services import can_manage_domains, domain_delete, domain_save


# Domains and site settings are for site admins (superusers), whatever permissions a group holds.
SiteAdminOnly = admin_only_for(can_manage_domains)


@admin.register(Domain)
class DomainAdmin(SiteAdminOnly, SeenAdmin, SeenChangeList, admin.ModelAdmin):
    form = DomainAdminForm  # a SeenForm already: SeenAdmin adds the text given back when it was deleted meanwhile
    list_display = ["hostname", "label", "is_primary", "is_active", "mode", "position"]
    list_display_links = ["hostname"]
    list_editable = ["position"]
    list_seen = ["position", "hostname"]
    list_filter = ["is_active", "mode"]
    search_fields = ["hostname", "label"]

    def has_delete_permission(self, request, obj=None):
        # Also covers the bulk "delete selected" action, which asks about each object.
        if obj is not None and obj.is_primary:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        domain_save(domain=obj, by=request.user)

    def delete_model(self, request, obj):
        domain_delete(domain=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        each_reporting_refusals(self, request, queryset, lambda domain: domain_delete(domain=domain, by=request.user))


class PlatformLinkRows(RowsKeptFormSet):
    """A link a colleague deleted while its label was retyped comes back as a new row, told once by name."""

    def clean(self):
        super().clean()
        if labels := [self.forms[index].cleaned_data.get("label") for index in self.removed_meanwhile]:
            raise ValidationError([
                _("A colleague deleted the link “%(label)s” after you opened this page. It is back in the form as a new "
                  "row, with what you typed: delete the row to leave it out, or save again to put it back.")
                % {"label": label} for label in labels
            ], code="removed_meanwhile")


class PlatformLinkInline(admin.TabularInline):
    model = PlatformLink
    formset = PlatformLinkRows
    extra = 1
    fields = ["label", "url", "position"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(SiteSettings)
class SiteSettingsAdmin(SiteAdminOnly, SeenAdmin, admin.ModelAdmin):
    form = SiteSettingsForm  # `seen` over the name and the platform links' rows
    inlines = [PlatformLinkInline]
    fields = ["site_name"]

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row: the list is a detour, so open the form (creating the row the first time).
        if not self.has_change_permission(request):
            raise PermissionDenied
        site_settings = SiteSettings.load()
        return HttpResponseRedirect(reverse("admin:domains_sitesettings_change", args=[site_settings.pk]))
