import io
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import ArticlePhotoInlineFormSet, PhotoAdminForm
from .models import Agency, ArticlePhoto, Photo
from .reports import agency_usage, write_csv

REPORT_PERMISSION = "photos.view_credit_report"
THUMBNAIL_WIDTH = 120


def thumbnail(photo, width=THUMBNAIL_WIDTH):
    """An <img> of the photo's smallest rendition for the desk (staff may see unpublished photos)."""
    if photo is None or not photo.pk:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy" style="height:auto;max-width:100%">',
        photo.thumbnail_url, width, round(photo.height * width / photo.width),
    )


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """Agencies are contracts, so site admins (superusers) manage them; the desk only picks from them."""

    list_display = ["short_name", "name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["short_name", "name"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class CreditReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To (inclusive)"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("start") and cleaned_data.get("end") and cleaned_data["end"] < cleaned_data["start"]:
            raise forms.ValidationError(_("The end date must not be before the start date."))
        return cleaned_data


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["list_thumbnail", "__str__", "credit_line", "credit_type", "taken_on", "dimensions", "uploaded_by", "created_at"]
    list_display_links = ["list_thumbnail", "__str__"]
    list_filter = ["agency", "credit_type", "created_at"]
    list_select_related = ["agency", "uploaded_by"]
    search_fields = ["caption", "alt_text", "agency__short_name", "agency__name", "photographer", "released_by"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "credit_line", "dimensions", "uploaded_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "caption", "alt_text"]}),
        (_("Credit"), {
            "fields": ["credit_type", "agency", "photographer", "released_by", "credit_line", "taken_on"],
            "description": _("The credit line is worded for you from these fields and shown after the caption."),
        }),
        (_("Record"), {"fields": ["dimensions", "uploaded_by", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def has_change_permission(self, request, obj=None):
        # Like a story, a photo in a published or scheduled story is changed by editors only.
        if obj is not None and not request.user.has_perm("articles.publish_article"):
            if Photo.objects.in_articles_going_live().filter(pk=obj.pk).exists():
                return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("photo"))
    def list_thumbnail(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj, width=480)

    @admin.display(description=_("credit line"))
    def credit_line(self, obj):
        return obj.credit or _("— incomplete: cannot be published —")

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    # The credit report ------------------------------------------------------------------------
    def get_urls(self):
        report = self.admin_site.admin_view(self.credit_report_view)
        return [
            path("credit-report/", report, name="photos_photo_credit_report"),
            path("credit-report/csv/", report, {"as_csv": True}, name="photos_photo_credit_report_csv"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_view_credit_report": request.user.has_perm(REPORT_PERMISSION)}
        return super().changelist_view(request, extra_context)

    def credit_report_view(self, request, as_csv=False):
        """Count, per agency, the stories published in a date range that used its photos."""
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        today = timezone.localdate()
        form = CreditReportForm(request.GET or {"start": today.replace(day=1), "end": today})
        rows = agency_usage(start=form.cleaned_data["start"], end=form.cleaned_data["end"]) if form.is_valid() else []
        if as_csv and form.is_valid():
            output = io.StringIO()
            write_csv(rows, output)
            response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
            start, end = (form.cleaned_data[name].isoformat() for name in ("start", "end"))
            response["Content-Disposition"] = f'attachment; filename="credit-report-{start}-to-{end}.csv"'
            return response
        return TemplateResponse(request, "admin/photos/photo/credit_report.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Agency credit report"),
            "form": form,
            "rows": rows,
            "csv_url": f"{reverse('admin:photos_photo_credit_report_csv')}?{form_query(form)}",
        })


def form_query(form) -> str:
    if not form.is_valid():
        return ""
    return urlencode({name: form.cleaned_data[name].isoformat() for name in ("start", "end")})


class ArticlePhotoInline(admin.TabularInline):
    """Photos in the story's body column, in order, each with an optional caption for this story."""

    model = ArticlePhoto
    formset = ArticlePhotoInlineFormSet
    fields = ["photo", "preview", "position", "caption"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photo"]
    extra = 0
    verbose_name = _("photo in the body")
    verbose_name_plural = _("photos in the body (after the lead photo, in position order)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo__agency")

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.photo) if obj.photo_id else "—"
