"""The live desk: a story's coverage page is the entry composer, with its entries to edit, pin and delete;
the breaking-news alerts and the scheduled updates of published stories (editors only). Every write goes through live/services.py, which checks the
user's role again."""
import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _, ngettext

from articles.models import Article
from articles.permissions import can_publish
from security.admin_access import DeletedOnlyWithItsOwner, admin_only_for
from security.admin_initial import InitialFromAddress
from security.plain_text import TypedText
from security.refusals import each_reporting_refusals, gone_with_text
from times.desk import DeskTimes, desk_time_column

from . import services
from .comparison import comparison_html
from .forms import AlertForm, EntryEditForm, EntryForm, ScheduledUpdateForm, ScheduledUpdatePhotoFormSet
from .models import Alert, LiveCoverage, LiveEntry, ScheduledUpdate, ScheduledUpdatePhoto
from .updates import held_message, story_text, update_cancel, update_schedule

CAPTION_ROW = re.compile(r"^photo_uses-(\d+)-caption$")  # a body photo's caption, typed in its row
ENTRY_ACTIONS = {
    "delete": lambda entry, by: services.entry_delete(entry=entry, by=by),
    "pin": lambda entry, by: services.entry_pin(entry=entry, by=by, pinned=True),
    "unpin": lambda entry, by: services.entry_pin(entry=entry, by=by, pinned=False),
    "publish": lambda entry, by: services.entry_publish(entry=entry, by=by),
}


def refusal(action) -> str:
    return _(
        "You may not %(action)s this entry: a journalist changes only their own entries still in review, and only "
        "editors publish and pin. Nothing was changed."
    ) % {"action": action}


def error_text(error: ValidationError) -> str:
    return " ".join(message for messages_ in error.message_dict.values() for message in messages_) \
        if hasattr(error, "error_dict") else " ".join(error.messages)


@admin.register(LiveCoverage)
class LiveCoverageAdmin(InitialFromAddress, admin.ModelAdmin):
    list_display = ["article", "state_label", desk_time_column(LiveCoverage, "started_at"), desk_time_column(LiveCoverage, "ended_at")]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    fields = ["article", "allow_direct_posting"]
    search_fields = ["article__headline"]

    @admin.display(description=_("state"))
    def state_label(self, coverage):
        return _("Live") if coverage.is_open else _("Ended")

    def has_add_permission(self, request):
        return can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return services.can_write_entries(request.user)

    def has_change_permission(self, request, obj=None):
        return services.can_write_entries(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        coverage = services.coverage_start(article=obj.article, by=request.user, allow_direct_posting=obj.allow_direct_posting)
        obj.pk = coverage.pk

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/close/", view(self.close_view), name="live_livecoverage_close"),
            path("<int:pk>/reopen/", view(self.reopen_view), name="live_livecoverage_reopen"),
            path("<int:pk>/entry/<int:entry_pk>/edit/", view(self.edit_view), name="live_liveentry_edit"),
            path("<int:pk>/entry/<int:entry_pk>/<str:action>/", view(self.entry_action_view), name="live_liveentry_action"),
            *super().get_urls(),
        ]

    def coverage(self, request, pk) -> LiveCoverage:
        if not services.can_write_entries(request.user):
            raise PermissionDenied
        if not str(pk).isdecimal():  # the composer's address takes any path ("abc", a truncated link)
            raise Http404
        return get_object_or_404(LiveCoverage.objects.select_related("article"), pk=pk)

    def gone(self, request):
        """An entry sent or edited after its story (and so its coverage) was deleted: its text, to copy."""
        typed = [(_("headline"), request.POST.get("headline", "")), (_("text"), request.POST.get("body", ""))]
        return gone_with_text(request, self.admin_site, gone=_("the live coverage"), typed=typed,
                              back=(reverse("admin:live_livecoverage_changelist"), _("Back to live coverage")))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The composer: write an entry (Ctrl+Enter sends it), and the coverage's entries below."""
        try:
            coverage = self.coverage(request, object_id)
        except Http404:
            if request.method == "POST":
                return self.gone(request)
            raise
        editor = can_publish(request.user)
        form = EntryForm(request.POST or None, editor=editor)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.entry_create(
                    coverage=coverage, by=request.user, body=data["body"], kind=data["kind"], headline=data["headline"],
                    photo=data["photo"], at=data.get("published_at"),
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                published = entry.status == LiveEntry.Status.PUBLISHED
                messages.success(request, _("Entry published.") if published else _("Entry sent to an editor for review."))
                return redirect(request.path)
        entries = list(coverage.entries.select_related("author", "photo").order_by("-created_at"))
        for entry in entries:  # Edit and Delete offered only where the services allow them
            entry.can_change = services.can_change_entry(request.user, entry)
        return TemplateResponse(request, "live/admin/composer.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "title": _("Live: %s") % coverage.article,
            "coverage": coverage, "form": form, "media": self.media + form.media, "entries": entries, "editor": editor,
            "story_url": reverse("admin:articles_article_change", args=[coverage.article_id]),
        })

    def close_view(self, request, pk):
        return self.coverage_action(request, pk, services.coverage_end, _("Coverage closed: the page says “Ended”."))

    def reopen_view(self, request, pk):
        def reopen(*, coverage, by):
            return services.coverage_start(article=coverage.article, by=by)
        return self.coverage_action(request, pk, reopen, _("Coverage reopened."))

    def coverage_action(self, request, pk, action, done):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        coverage = self.coverage(request, pk)
        try:
            action(coverage=coverage, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, done)
        return redirect("admin:live_livecoverage_change", coverage.pk)

    def entry(self, request, pk, entry_pk) -> LiveEntry:
        coverage = self.coverage(request, pk)
        return get_object_or_404(LiveEntry.objects.select_related("coverage__article"), pk=entry_pk, coverage=coverage)

    def entry_action_view(self, request, pk, entry_pk, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in ENTRY_ACTIONS:
            raise PermissionDenied
        entry = self.entry(request, pk, entry_pk)
        try:
            ENTRY_ACTIONS[action](entry, request.user)
        except PermissionDenied:  # a forged POST, or a page loaded before the entry was published
            messages.error(request, refusal(action))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": action})
        return redirect("admin:live_livecoverage_change", pk)

    def edit_view(self, request, pk, entry_pk):
        try:
            entry = self.entry(request, pk, entry_pk)
        except Http404:
            if request.method == "POST":
                return self.gone(request)
            raise
        if request.method != "POST" and (not services.can_change_entry(request.user, entry) or entry.is_deleted):
            # A POST may no longer be allowed either: it comes back with its text (below).
            messages.error(request, _("This entry was deleted: there is nothing to edit.") if entry.is_deleted else refusal("edit"))
            return redirect("admin:live_livecoverage_change", pk)
        initial = {"kind": entry.kind, "headline": entry.headline, "body": entry.body, "photo": entry.photo,
                   "seen": services.entry_seen(entry)}
        form = EntryEditForm(request.POST or None, initial=initial, editor=False)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.entry_edit(entry=entry, by=request.user, body=data["body"], headline=data["headline"],
                                    kind=data["kind"], photo=data["photo"], seen=data["seen"])
            except PermissionDenied:
                form.add_error(None, _(
                    "You may no longer change this entry: it was published or deleted while you were editing it, and "
                    "nothing was saved. What you typed is still below: copy it, or give it to an editor."
                ))
            except ValidationError as error:
                form.add_error(None, error_text(error))
                if getattr(error, "code", None) == "changed":  # `entry` is as it is now, not as typed
                    form.data = form.data.copy()
                    form.data["seen"] = services.entry_seen(entry)  # told of it now: the next save goes over what they saw
            else:
                messages.success(request, _("Entry changed; readers' pages show the new text."))
                return redirect("admin:live_livecoverage_change", pk)
        return TemplateResponse(request, "live/admin/entry_edit.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "title": _("Edit entry"),
            "coverage": entry.coverage, "entry": entry, "form": form, "media": self.media + form.media,
            # The record keeps the text as it was before each edit and the deletion: editors', and the
            # writer's while the entry is still theirs to change, not whoever posts here.
            "changes": entry.changes.select_related("by")
            if can_publish(request.user) or services.can_change_entry(request.user, entry) else [],
        })


@admin.register(LiveEntry)
class LiveEntryAdmin(DeletedOnlyWithItsOwner, admin.ModelAdmin):
    """Not in the menu: entries are written on their coverage's page. Registered for the photo lookup."""

    autocomplete_fields = ["photo"]

    def get_model_perms(self, request):
        return {}

    def has_view_permission(self, request, obj=None):
        return services.can_write_entries(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


EditorsOnly = admin_only_for(can_publish)  # alerts and scheduled updates: only editors see and use them


@admin.register(Alert)
class AlertAdmin(EditorsOnly, InitialFromAddress, admin.ModelAdmin):
    """Breaking-news alerts: editors create and end them; they need an expiry (two hours by default)."""

    form = AlertForm
    list_display = ["headline", "level", "article", desk_time_column(Alert, "expires_at"), "is_current"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    filter_horizontal = ["domains", "sections"]
    actions = ["end_now"]

    @admin.display(boolean=True, description=_("showing"))
    def is_current(self, alert):
        return alert.is_current

    @admin.action(description=_("End the selected alerts now"))
    def end_now(self, request, queryset):
        said = lambda n: ngettext("%(count)d alert ended: readers no longer see it.",
                                  "%(count)d alerts ended: readers no longer see them.", n) % {"count": n}
        each_reporting_refusals(self, request, queryset, lambda alert: services.alert_end(alert=alert, by=request.user), said)

    def save_model(self, request, obj, form, change):
        if not can_publish(request.user):
            raise PermissionDenied
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)
        if not obj.article.is_published:  # allowed (an alert made ready with its story), but no reader sees it yet
            messages.warning(request, _("No reader sees this alert yet: its story is not on the site (%(state)s). The "
                                        "banner shows while the story is published, until its expiry.") % {"state": obj.article.state_label})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and self.has_change_permission(request) and self.get_object(request, object_id) is None:
            # Deleted while it was reworded (by a colleague, or with its story): Django's redirect dropped the text.
            return gone_with_text(request, self.admin_site, gone=_("the alert"), typed=[(_("headline"), request.POST.get("headline", ""))],
                                  back=(reverse("admin:live_alert_changelist"), _("Back to the alerts")))
        return super().change_view(request, object_id, form_url, extra_context)


def story_asked_for(request) -> Article | None:
    """The story "Schedule an update" was opened from (`?article=<id>`), on the add page: read once per request
    (the form's text, the photo rows and their number all start from it)."""
    if "update_story" not in request.__dict__:
        pk = request.GET.get("article", "")
        request.update_story = Article.objects.filter(pk=pk).prefetch_related("photo_uses").first() if pk.isdecimal() else None
    return request.update_story


def is_closed(update) -> bool:
    return update is not None and bool(update.applied_at or update.cancelled_at)


class ScheduledUpdatePhotoInline(admin.TabularInline):
    """The update's body photos: they replace the story's, in order. A new update starts with the story's."""

    model = ScheduledUpdatePhoto
    formset = ScheduledUpdatePhotoFormSet
    fields = ["photo", "position", "caption"]
    autocomplete_fields = ["photo"]
    formfield_overrides = {models.TextField: {"form_class": TypedText}}  # a line break counts once, as in the box
    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        story = story_asked_for(request) if obj is None and request.method == "GET" else None
        return len(story.photo_uses.all()) if story else 0

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_add_permission(self, request, obj=None):
        return can_publish(request.user) and not is_closed(obj)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user) and not is_closed(obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user) and not is_closed(obj)


@admin.register(ScheduledUpdate)
class ScheduledUpdateAdmin(DeletedOnlyWithItsOwner, DeskTimes, EditorsOnly, InitialFromAddress, admin.ModelAdmin):
    """A new version of a published story, applied at its second (live/updates.py). Editors only."""

    form = ScheduledUpdateForm
    inlines = [ScheduledUpdatePhotoInline]
    list_display = ["headline", "article", desk_time_column(ScheduledUpdate, "publish_at"), "state"]
    list_select_related = ["article"]
    autocomplete_fields = ["article", "lead_photo"]
    readonly_fields = ["comparison", "applied_at", "cancelled_at", "held_at"]
    actions = ["cancel"]

    @admin.display(description=_("compared with the live story"))
    def comparison(self, update):
        return comparison_html(update.article, update) if update.pk else "—"

    @admin.action(description=_("Cancel the selected updates (the stories stay as they are)"))
    def cancel(self, request, queryset):
        """Every selected update not yet cancelled (held ones too); one applied meanwhile is named with the reason."""
        said = lambda n: ngettext("%(count)d update cancelled.", "%(count)d updates cancelled.", n) % {"count": n}
        each_reporting_refusals(self, request, queryset.filter(cancelled_at__isnull=True),
                                lambda update: update_cancel(update=update, by=request.user), said)

    def get_changeform_initial_data(self, request):
        """"Schedule an update" from a story's desk page starts from the story's live text."""
        initial = super().get_changeform_initial_data(request)
        if story := story_asked_for(request):
            initial.update(story_text(story), prepared_from=story_text(story))
        return initial

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """…and from its body photos."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        story = story_asked_for(request) if obj.pk is None and request.method == "GET" else None
        if story is not None:
            kwargs["initial"] = [{"photo": use.photo_id, "position": use.position, "caption": use.caption} for use in story.photo_uses.all()]
        return kwargs

    def get_readonly_fields(self, request, obj=None):
        # Closed: read-only, except to a POST from the form opened before, which comes back with its text and
        # the reason (ScheduledUpdateForm.clean).
        readonly = super().get_readonly_fields(request, obj)  # the times said as the desk says them (DeskTimes)
        if obj is not None and (obj.applied_at or obj.cancelled_at) and request.method != "POST":
            return [*map(self.said, ScheduledUpdateForm._meta.fields), *readonly]
        return readonly

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        update_schedule(
            article=data["article"], by=request.user, at=data["publish_at"], headline=data["headline"],
            standfirst=data["standfirst"], body=data["body"], lead_photo=data["lead_photo"], update=obj,
            base=data["prepared_from"],
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        update = self.get_object(request, object_id)
        if request.method == "POST" and update is None:  # its story deleted meanwhile, and the update with it
            typed = [(self.opts.get_field(name).verbose_name, request.POST.get(name, "")) for name in ("headline", "standfirst", "body")]
            typed += [(_("caption of body photo %(number)s") % {"number": int(row[1]) + 1}, request.POST[key])
                      for key in request.POST if (row := CAPTION_ROW.match(key))]
            return gone_with_text(request, self.admin_site, gone=_("the scheduled update"), typed=typed,
                                  back=(reverse("admin:live_scheduledupdate_changelist"), _("Back to scheduled updates")))
        if request.method == "GET" and update is not None and update.held_at and not update.cancelled_at:
            messages.warning(request, held_message(update))
        return super().change_view(request, object_id, form_url, extra_context)
