from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from people.names import person_field
from security.admin_access import admin_only_for
from security.refusals import gone_with_text
from security.stale_forms import SeenAdmin
from times.desk import DeskTimes, desk_time_column

from .credits import credit_line

from .forms import PhotoAdminForm
from .models import Agency, Photo

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
class AgencyAdmin(admin_only_for(lambda user: user.is_active and user.is_superuser), SeenAdmin, admin.ModelAdmin):
    """Agencies are contracts, so site admins (superusers) manage them; the desk only picks from them. Their names
    are in every credit line: a colleague's change is told, not undone (`seen`)."""

    seen_fields = ["short_name", "name", "is_active"]

    list_display = ["short_name", "name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["short_name", "name"]


TYPED = ("caption", "alt_text", "photographer", "released_by")  # a refused change's text, given back


@admin.register(Photo)
class PhotoAdmin(DeskTimes, admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["list_thumbnail", "__str__", "credit_line", "credit_type", "taken_on", "dimensions", "uploader", desk_time_column(Photo, "created_at")]
    list_display_links = ["list_thumbnail", "__str__"]
    list_filter = ["agency", "credit_type", "created_at"]
    list_select_related = ["agency", "uploaded_by"]
    search_fields = ["caption", "alt_text", "agency__short_name", "agency__name", "photographer", "released_by"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "credit_line", "dimensions", "uploader", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "caption", "alt_text"]}),
        (_("Credit"), {
            "fields": ["credit_type", "agency", "photographer", "released_by", "credit_line", "taken_on"],
            "description": _("The credit line is worded for you from these fields and shown after the caption."),
        }),
        (_("Record"), {"fields": ["dimensions", "uploader", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    uploader = person_field("uploaded_by", _("uploaded by"))

    class Media:
        js = ["photos/js/credit-preview.js"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.credit_line_view)
        return [path("credit-line/", view, name="photos_photo_credit_line"), *super().get_urls()]

    def credit_line_view(self, request):
        """Word the credit line for the form's current choices, as it will read once saved ("(AFP photo)")."""
        if not (self.has_add_permission(request) or self.has_view_or_change_permission(request)):
            raise PermissionDenied
        agency_id = request.GET.get("agency", "")
        agency = Agency.objects.filter(pk=agency_id).first() if agency_id.isdecimal() else None
        credit = credit_line(
            credit_type=request.GET.get("credit_type", ""), agency=agency.short_name if agency else "",
            photographer=request.GET.get("photographer", ""),
        )
        return JsonResponse({"credit": credit or str(_("— incomplete: cannot be published —"))})

    def has_change_permission(self, request, obj=None):
        # Like a story, a photo in a published or scheduled story is changed by editors only.
        if obj is not None and not request.user.has_perm("articles.publish_article"):
            if Photo.objects.in_articles_going_live().filter(pk=obj.pk).exists():
                return False
        return super().has_change_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A change a journalist may no longer make (the photo went into a published or scheduled story while
        they typed) is refused with what they typed in the message, not a bare 403 that drops it; a save for a
        photo deleted meanwhile gives the text back (Django's own redirect dropped it)."""
        photo = self.get_object(request, unquote(object_id)) if request.method == "POST" and object_id else None
        if request.method == "POST" and object_id and photo is None and self.has_change_permission(request):
            # Deleted while they typed: give it back (to someone who may change photos; others get Django's 403).
            typed = [(Photo._meta.get_field(name).verbose_name, request.POST.get(name, "")) for name in TYPED]
            return gone_with_text(request, self.admin_site, gone=_("the photo"), typed=typed,
                                  back=(reverse("admin:photos_photo_changelist"), _("Back to the photos")))
        if photo is not None and self.has_view_permission(request, photo) and not self.has_change_permission(request, photo):
            typed = [f"{Photo._meta.get_field(name).verbose_name}: “{request.POST[name]}”" for name in TYPED
                     if request.POST.get(name, "").strip() and request.POST[name] != getattr(photo, name)]
            self.message_user(request, _(
                "Nothing was saved: this photo is now in a published or scheduled story, so only an editor may "
                "change it. What you typed: %(typed)s"
            ) % {"typed": "; ".join(typed) or "—"}, messages.ERROR)
            return redirect("admin:photos_photo_change", photo.pk)
        return super().changeform_view(request, object_id, form_url, extra_context)

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

    def changelist_view(self, request, extra_context=None):
        # The report itself is articles' (articles/reports.py): it counts stories, which photos never sees.
        extra_context = {**(extra_context or {}), "can_view_credit_report": request.user.has_perm(REPORT_PERMISSION)}
        return super().changelist_view(request, extra_context)
