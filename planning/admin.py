"""Planning on the desk: assignments, the planning board (and its print view), the desks' calendar feeds."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _, gettext_lazy

from articles.models import Article
from domains.absolute_urls import canonical_url
from people.names import person_name
from security.admin_access import DeletedOnlyWithItsOwner, admin_only_for
from security.admin_initial import InitialFromAddress
from security.plain_text import TypedSlug
from security.refusals import gone_with_text
from security.stale_forms import SeenChecked
from times.desk import DeskTimeField, SecondsInput, desk_time, desk_time_column

from .board import board
from .models import Assignment, CalendarFeed
from .services import assignment_follow_story, calendar_feed_create, calendar_feed_revoke, can_plan


TYPED_FIELDS = ["slug", "working_headline", "notes"]  # given back when the assignment is gone before its save
TIMES = ["due_at", "publish_from", "publish_until"]


class AssignmentForm(SeenChecked):
    """`seen`: the assignment as the form showed it. A change made meanwhile (a colleague's save, or its story
    moving on the desk, which moves its status) is told and kept, not overwritten by a stale form."""

    seen_fields = ["slug", "working_headline", "desk", "assignees", "editor", "status", "due_at", "publish_from",
                   "publish_until", "target_words", "art", "notes", "story"]

    class Meta:
        widgets = {name: SecondsInput for name in TIMES}
        field_classes = {**{name: DeskTimeField for name in TIMES}, "slug": TypedSlug}  # composed, as stories' slugs

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("assignees", "editor"):  # people by name, as bylines are, never the login (shown again on an error too)
            if name in self.fields:
                self.fields[name].label_from_instance = person_name

    def shown_value(self, row, name) -> str:
        if name in TIMES:  # the desk's one format, in its zone, not the database's UTC
            return desk_time(when) if (when := getattr(row, name)) else "—"
        if name == "editor":
            return person_name(row.editor) if row.editor else "—"
        if name == "assignees":
            return ", ".join(person_name(person) for person in row.assignees.all()) or "—"
        return super().shown_value(row, name)

    def label(self, name) -> str:
        if name == "status":  # no colleague may have touched it: the story's progress on the desk moves it too
            return str(_("status (its story's progress on the desk moves it too)"))
        return super().label(name)


@admin.register(Assignment)
class AssignmentAdmin(InitialFromAddress, admin.ModelAdmin):
    form = AssignmentForm
    change_list_template = "planning/assignment_change_list.html"
    change_form_template = "planning/assignment_change_form.html"
    list_display = ["slug", "working_headline", "desk", "status", "due", "late", "art"]
    list_filter = ["status", "desk", "art", "assignees"]
    list_select_related = ["desk"]
    search_fields = ["slug", "working_headline"]
    autocomplete_fields = ["desk", "assignees", "editor", "story"]
    prepopulated_fields = {"slug": ("working_headline",)}
    fieldsets = [
        (None, {"fields": ["slug", "working_headline", "desk", "assignees", "editor", "status"]}),
        (gettext_lazy("Plan"), {"fields": ["due_at", "publish_from", "publish_until", "target_words", "art", "notes"]}),
        (gettext_lazy("Story"), {"fields": ["story"]}),
    ]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("board/", view(self.board_view), name="planning_assignment_board"),
            path("board/print/", view(self.board_view), {"printing": True}, name="planning_assignment_board_print"),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if can_plan(request.user) else queryset.of(request.user)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        story_id = request.GET.get("story", "")
        if story_id.isdecimal():  # "Plan this story", from the story's page: the budget line made from it
            story = Article.objects.filter(pk=story_id).first()
            if story is not None:
                initial.update(story=story.pk, working_headline=story.headline, slug=story.slug[:80],
                               desk=story.section_id, status=Assignment.Status.ASSIGNED, editor=request.user.pk)
        return initial

    def change_view(self, request, object_id, form_url="", extra_context=None):
        assignment = self.get_object(request, object_id)
        if assignment is None and request.method == "POST" and self.has_change_permission(request):
            return self.assignment_gone(request)
        if assignment is not None and assignment.story_id is None:
            add = reverse("admin:articles_article_add")
            extra_context = {**(extra_context or {}), "write_url": f"{add}?assignment={assignment.pk}"}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.story_id and "story" in form.changed_data:
            # A story linked here ("Plan this story", or the story field) may be in review or out already: the
            # line takes its status from it, as the desk's transitions would have moved it, not "late".
            assignment_follow_story(article=obj.story)

    def assignment_gone(self, request):
        """A save for an assignment deleted while they edited it: nothing is saved, and what they typed is given
        back, to copy. Django's own answer, a redirect, dropped it."""
        typed = [(self.opts.get_field(name).verbose_name, request.POST.get(name, "")) for name in TYPED_FIELDS]
        return gone_with_text(request, self.admin_site, gone=_("the assignment"), typed=typed,
                              back=(reverse("admin:planning_assignment_changelist"), _("Back to the assignments")))

    @admin.display(description=gettext_lazy("late"), boolean=True)
    def late(self, obj):
        return obj.is_late

    @admin.display(description=gettext_lazy("due"), ordering="due_at")
    def due(self, obj):
        return desk_time(obj.due_at)  # the desk's one format, in its zone

    def board_view(self, request, printing=False):
        if not can_plan(request.user):  # the desk's plan is the editors'; journalists see theirs on their home
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Planning board"),
            "board": board(request.GET or None),
            "query": request.GET.urlencode(),
            "zone": timezone.get_current_timezone_name(),
            "calendar_url": reverse("admin:planning_calendarfeed_changelist"),
        }
        template = "planning/board_print.html" if printing else "planning/board.html"
        return TemplateResponse(request, template, context)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(DeletedOnlyWithItsOwner, admin_only_for(can_plan), admin.ModelAdmin):
    """Editors make a secret address per desk for calendar apps, and revoke it when it has gone too far."""

    list_display = ["desk", "address", "created_by", desk_time_column(CalendarFeed, "created_at"),
                    desk_time_column(CalendarFeed, "revoked_at"), "revoked_by"]
    list_filter = ["desk"]
    list_select_related = ["desk", "created_by", "revoked_by"]
    fields = ["desk"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return False  # a feed is made, then revoked: nothing to edit

    def has_revoke_permission(self, request):
        return can_plan(request.user)

    def save_model(self, request, obj, form, change):
        feed = calendar_feed_create(desk=obj.desk, by=request.user)  # checks the permission again
        obj.pk, obj.key, obj.created_by, obj.created_at = feed.pk, feed.key, feed.created_by, feed.created_at

    def get_list_display(self, request):
        # A calendar app subscribes only to an absolute address, on the scheme the site is served on: the column
        # needs the request, which a list_display method is not given.
        @admin.display(description=gettext_lazy("address"))
        def address(obj):
            return self.address(obj, request=request)

        return [address if name == "address" else name for name in super().get_list_display(request)]

    def address(self, obj, *, request):
        if obj.revoked_at:
            return "—"
        url = canonical_url(obj.get_absolute_url(), request=request)
        return format_html('<input type="text" readonly size="60" value="{}" aria-label="{}">', url, _("Calendar address"))

    @admin.action(description=gettext_lazy("Revoke the selected calendar addresses"), permissions=["revoke"])
    def revoke(self, request, queryset):
        for feed in queryset:
            calendar_feed_revoke(feed=feed, by=request.user)
        self.message_user(request, _("Those addresses no longer work."), messages.SUCCESS)
