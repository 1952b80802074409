"""Sections and tags on the desk. The story's own admin is the desk's (desk/admin/), with its workflow."""
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin
from taggit.models import Tag

from security.refusals import gone_with_text
from security.stale_forms import SeenAdmin, SeenChangeList, SeenChecked

from .models import Section
from .tag_merge import MergeForm, merge_tags

TYPED_FIELDS = ["name", "slug", "description"]  # given back when the section is gone before its save


class SectionForm(SeenChecked):
    """Two editors may have one section open: a colleague's save since the form was opened (a description
    rewritten, the section moved in the list) is told, not undone (`seen`)."""

    seen_fields = ["name", "slug", "parent", "position", "description"]

    class Meta:
        model = Section
        fields = ["name", "slug", "parent", "position", "description"]

    def clean(self):
        # Two editors moving News under World and World under News at once each checked the tree without the
        # other's move, and their saves deadlocked at commit (each waits on the other's row for its parent key):
        # one got the outage page. A move now waits for any other, before locking its own row, then reads the tree.
        connection = transaction.get_connection()
        if self.instance.pk and self.cleaned_data.get("parent") and connection.vendor == "postgresql" and connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('articles.section.tree'))")
        return super().clean()


@admin.register(Section)
class SectionAdmin(SeenChangeList, admin.ModelAdmin):
    form = SectionForm
    list_display = ["name", "parent", "position", "slug"]
    list_editable = ["position"]
    list_seen = ["position", "name"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and self.has_change_permission(request) and self.get_object(request, object_id) is None:
            # Deleted by a site admin while an editor rewrote it: Django's redirect to the desk's home dropped the text.
            typed = [(self.opts.get_field(name).verbose_name, request.POST.get(name, "")) for name in TYPED_FIELDS]
            return gone_with_text(request, self.admin_site, gone=_("the section"), typed=typed,
                                  back=(reverse("admin:articles_section_changelist"), _("Back to the sections")))
        return super().change_view(request, object_id, form_url, extra_context)


class NewsroomTagAdmin(SeenAdmin, TagAdmin):
    """taggit's admin, where editors rename, merge and delete tags: a colleague's rename is told, not undone (`seen`)."""

    seen_fields = ["name", "slug"]
    # Not taggit's "tagged items" rows: a tag taken off a story there went behind every signal's back (the search
    # index, the purges, the changes feed). Stories are tagged and untagged on their own form.
    inlines = []

    def merge_tags_view(self, request):
        """After "Merge selected tags" (taggit's action keeps the tags chosen in the session). taggit's own page asked
        for a desk login only, merged behind every signal's back and lost what was typed in an invalid form."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        chosen = [int(pk) for pk in request.session.get("selected_tag_ids", "").split(",") if pk.isdigit()]
        tags = list(Tag.objects.filter(pk__in=chosen).order_by("name"))  # less any deleted meanwhile
        form = MergeForm(request.POST if request.method == "POST" else None)
        if tags and form.is_valid():
            into, count = merge_tags(tags, form.cleaned_data["new_tag_name"])
            request.session.pop("selected_tag_ids", None)
            self.message_user(request, _("Merged %(tags)s into “%(into)s” on %(count)d stories.") % {
                "tags": ", ".join(f"“{tag.name}”" for tag in tags), "into": into.name, "count": count})
            return redirect("admin:taggit_tag_changelist")
        return TemplateResponse(request, "articles/admin/merge_tags.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "title": _("Merge tags"), "form": form,
            "tags": tags, "gone": len(tags) < len(chosen),
        })


admin.site.unregister(Tag)
admin.site.register(Tag, NewsroomTagAdmin)
