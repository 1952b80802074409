"""The story on the desk: its list, its form with photo and correction inlines, publish and withdraw actions.

The workflow's pages (buttons, schedule board, revisions, preview links) come from `ArticleDeskMixin`
(desk/admin/workflow.py). Every write goes through a service (desk/services.py), which checks the
user's permission again.
"""
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _, ngettext

from articles.models import Article, ArticlePhoto, Correction
from articles.permissions import can_edit, can_publish
from people.names import in_name_order, person_field, person_name
from photos.admin import thumbnail
from planning.models import Assignment
from planning.services import assignment_link_story, can_write_from
from security.admin_initial import InitialFromAddress
from security.plain_text import TypedText
from security.refusals import each_reporting_refusals
from times.desk import DeskTimes, desk_time

from ..actions import ACTIONS
from ..autosave import autosave_discard_saved
from ..forms import ArticleAdminForm, ArticlePhotoInlineFormSet, ArticlePhotoRowForm
from ..services import (
    article_publish, article_publish_warnings, article_save, article_withdraw, can_correct, correction_add,
)
from .autosave import AutosaveMixin, restored_base, restored_initial
from .workflow import ArticleDeskMixin


def unread_corrections(request, article) -> list[str]:
    """The corrections an editor's POST carries for a story that takes none now (so the form has no inline to
    read them with): the story left the site while they typed. A journalist's forged ones are never read."""
    if request.method != "POST" or article is None or article.status == Article.Status.PUBLISHED or not can_publish(request.user):
        return []
    # isdecimal(), not isdigit(): int() refuses "²", which isdigit() accepts.
    start = request.POST.get("corrections-INITIAL_FORMS", "0")
    start = int(start) if start.isdecimal() else 0
    return [text for name, text in request.POST.items()
            if name.startswith("corrections-") and name.endswith("-text") and text.strip()
            and name.split("-")[1].isdecimal() and int(name.split("-")[1]) >= start]


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("live", _("Live")),
            ("scheduled", _("Scheduled")),
            ("expired", _("Expired")),
            *((value, label) for value, label in Article.Status.choices if value != Article.Status.PUBLISHED),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "live":
            return queryset.published()
        if value == "scheduled":
            return queryset.scheduled()
        if value == "expired":
            return queryset.expired()
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


class BylineFilter(admin.SimpleListFilter):
    """Filter by byline, naming people as their bylines do: the full name, never the login."""

    title = _("byline")
    parameter_name = "byline"

    def lookups(self, request, model_admin):
        people = get_user_model().objects.filter(bylines__isnull=False).distinct()
        return sorted(((person.pk, person_name(person)) for person in people), key=lambda choice: in_name_order(choice[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(authors=self.value())
        return queryset


def publish_unless_scheduled(*, article, by):
    """The list's "Publish now": not over a time set for the story, which the list does not show as it stands (a
    colleague's hold made after the list was loaded was overruled unseen). Its page and the board show the time."""
    if Article.objects.scheduled().filter(pk=article.pk).exists():  # the gate's own rule of "scheduled"
        raise ValidationError(_("it is scheduled for %(when)s: to publish it now, use its page or the schedule board, "
                                "which show that time.") % {"when": desk_time(article.publish_at)})
    return article_publish(article=article, by=by)


class CorrectionInline(DeskTimes, admin.StackedInline):
    """Corrections and updates under a published story. Editors add them; nobody edits them afterwards."""

    model = Correction
    extra = 0
    view_on_site = False  # the story's own link leads there; the shortcut checks objects against their own admin
    formfield_overrides = {models.TextField: {"form_class": TypedText}}  # a line break counts once, as in the box
    fields = ["kind", "text", "created_at", "added_by"]
    readonly_fields = ["created_at", "added_by"]
    added_by = person_field("created_by", _("added by"))
    verbose_name = _("correction or update note")
    verbose_name_plural = _("corrections and updates (shown under the story with their date)")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        return obj is not None and can_correct(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return False  # a published note stays as it was published; add another to correct it

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ChosenPhotoAutocomplete(AutocompleteSelect):
    """A body-photo row's photo search, its chosen photo drawn from the row (read with its photo, get_queryset
    below) rather than looked up again, one query per row: 30 photos in the body cost what 3 do. Any other value
    (a bound form's different choice) is looked up as Django's widget does."""

    chosen = None  # the row's photo, set by its form (ArticlePhotoRowForm, desk/forms.py)

    def optgroups(self, name, value, attr=None):
        picked = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.chosen is None or picked != {str(self.chosen.pk)}:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(self.chosen)
        options.append(self.create_option(name, self.chosen.pk, label, True, len(options)))
        return [(None, options, 0)]


class ArticlePhotoInline(admin.TabularInline):
    """Photos in the story's body column, in order, each with an optional caption for this story."""

    model = ArticlePhoto
    form = ArticlePhotoRowForm
    formset = ArticlePhotoInlineFormSet
    fields = ["photo", "preview", "position", "caption", "seen"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photo"]
    formfield_overrides = {models.TextField: {"form_class": TypedText}}  # a line break counts once, as in the box
    extra = 0
    verbose_name = _("photo in the body")
    verbose_name_plural = _("photos in the body (after the lead photo, in position order)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo__agency")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "photo":
            kwargs["widget"] = ChosenPhotoAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.photo) if obj.photo_id else "—"


@admin.register(Article)
class ArticleAdmin(DeskTimes, AutosaveMixin, ArticleDeskMixin, InitialFromAddress, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "section", "state", "bylines", "publication_time", "is_live"]
    list_filter = [StateFilter, "section", "tags", BylineFilter]
    list_select_related = ["section"]
    search_fields = ["headline", "authors__first_name", "authors__last_name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ["section", "authors", "lead_photo"]
    readonly_fields = ["created_at", "updated_at", "creator", "last_changed_by", "lead_photo_preview"]
    creator = person_field("created_by", _("created by"))
    last_changed_by = person_field("updated_by", _("last changed by"))
    inlines = [ArticlePhotoInline]
    actions = ["publish_now", "withdraw"]

    def get_inlines(self, request, obj):
        # Only stories that were published carry notes; a journalist's forged formset is never read. A form
        # opened before a colleague published the story has no notes' rows: its save is read without them,
        # not refused as a tampered formset.
        opened_without = request.method == "POST" and "corrections-TOTAL_FORMS" not in request.POST
        if obj is not None and obj.status == Article.Status.PUBLISHED and not opened_without:
            return [*self.inlines, CorrectionInline]
        return self.inlines

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("authors")
        if can_publish(request.user):
            return queryset
        return queryset.by_author(request.user)

    def get_fieldsets(self, request, obj=None):
        story = (None, {"fields": ["headline", "slug", "section", "standfirst", "body", "tags", "authors", "version"]})
        photos = (_("Photos"), {"fields": ["lead_photo", "lead_photo_preview"]})
        record = (_("Record"), {"fields": [self.said("created_at"), self.said("updated_at"), "creator", "last_changed_by"],
                                "classes": ["collapse"]})
        # Status and publication time are the desk panel's buttons, not fields: one way to do each thing.
        if can_publish(request.user):
            publication = (_("Publication"), {
                "fields": ["unpublish_at", "embargo_at"],
                "description": _("Publish, schedule or withdraw with the desk's buttons above; they save the form too."),
            })
        else:
            publication = (_("Publication"), {
                "fields": ["embargo_at"],
                "description": _("Press “Submit for review” above when the story is ready for an editor; it saves the form too."),
            })
        return [story, photos, publication, record]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        restore = self.restore_copy(request, obj)

        class RequestArticleForm(form_class):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, user=request.user, **form_kwargs)
                if "authors" in self.fields:
                    self.fields["authors"].label_from_instance = person_name  # bylines by name, never the login
                if restore is not None and not self.is_bound:
                    self.initial.update(restored_initial(self, restore))
                    # The hidden initial-* inputs (a stale save's merge base) keep what the form held when the
                    # copy was taken, not the copy: Django renders them from `data` when it holds them.
                    self.data = restored_base(restore)

            def clean(self):
                cleaned = super().clean()
                if refusal := getattr(request, "desk_refusal", None):
                    self.add_error(None, refusal.messages)
                if typed := unread_corrections(request, obj):
                    self.add_error(None, _(
                        "This story is no longer published (a colleague withdrew it, or its time moved, while you "
                        "were editing): a correction goes only under a published story, so nothing was saved. "
                        "The correction you typed: “%(text)s”"
                    ) % {"text": " / ".join(typed)})
                return cleaned

        return RequestArticleForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A refusal the form could not foresee (a blocking note added after it was checked, while the save
        ran) rolls the save back and shows the form again with the refusal as its error and everything typed
        still in it, instead of a server error."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            if request.method != "POST" or hasattr(request, "desk_refusal"):
                raise
            request.desk_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Published journalism is withdrawn, not deleted; drafts may be deleted by those who may.
        if obj is not None and obj.status != Article.Status.DRAFT and not can_publish(request.user):
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def _assignment(self, request):
        """The assignment a new story is written from ("Write the story"), if there is one."""
        pk = request.GET.get("assignment", "")
        return Assignment.objects.filter(pk=pk).first() if pk.isdecimal() else None

    def get_changeform_initial_data(self, request):
        # The writer is the story's first byline unless they change it; a story written from an assignment
        # starts from its working headline, slug and desk.
        initial = {"authors": [request.user.pk], **super().get_changeform_initial_data(request)}
        assignment = self._assignment(request)
        if assignment and assignment.story_id is None and can_write_from(request.user, assignment):
            initial.update(headline=assignment.working_headline, slug=assignment.slug, section=assignment.desk_id)
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        # A desk button pressed with the form: the text and the move are saved together, in one revision.
        data = form.cleaned_data
        article_save(
            article=obj, by=request.user, action=data.get("desk_action", ""), note=data.get("desk_note", ""),
            at=data.get("desk_at"),
        )
        if not change and (assignment := self._assignment(request)):
            try:
                assignment_link_story(assignment=assignment, article=obj, by=request.user)
            except (PermissionDenied, ValidationError) as refused:  # a colleague's story came first, or the line was given away
                why = _("it already has its story.") if isinstance(refused, ValidationError) else _("you are no longer on it.")
                self.message_user(request, _("Your story is saved, on its own: it is not linked to the budget line "
                                             "“%(slug)s”, because %(why)s") % {"slug": assignment.slug, "why": why}, messages.WARNING)
        autosave_discard_saved(user=request.user, article=obj if change else None, data=request.POST)  # this form's only
        if form.merged and change:
            self.message_user(request, _("Merged with %(who)s's save of %(when)s; their changes kept: %(fields)s.") % {
                "who": form.merged["by"], "when": form.merged["at"], "fields": ", ".join(form.merged["kept"]) or _("none"),
            }, messages.INFO)

    def _after_desk_action(self, request, obj):
        action = request.POST.get("desk_action")
        if action in ACTIONS:
            self.message_user(request, ACTIONS[action].done % obj, messages.SUCCESS)
            if action in ("publish", "schedule"):  # warns, never blocks (planning: the art it asked for)
                for warning in article_publish_warnings(obj):
                    self.message_user(request, warning, messages.WARNING)
            return redirect("admin:articles_article_change", obj.pk)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_desk_action(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._after_desk_action(request, obj) or super().response_change(request, obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for note in formset.save(commit=False):  # only new notes: existing ones are read-only
            try:
                correction_add(article=form.instance, kind=note.kind, text=note.text, by=request.user)
            except PermissionDenied:  # e.g. the story was withdrawn in the same save
                self.message_user(request, _("The note was not added: only a published story takes notes. Its text: “%(text)s”")
                                  % {"text": note.text}, messages.ERROR)
        for note in formset.deleted_objects:
            note.delete()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.authors.exists():
            form.instance.authors.add(request.user)

    @admin.display(description=_("status"))
    def state(self, obj):
        return obj.state_label

    @admin.display(description=_("lead photo preview"))
    def lead_photo_preview(self, obj):
        return thumbnail(obj.lead_photo) if obj.lead_photo_id else "—"

    @admin.display(description=_("publication time"), ordering="publish_at")
    def publication_time(self, obj):
        return desk_time(obj.publish_at) if obj.publish_at else "—"  # the desk's one format, in its zone

    @admin.display(description=_("bylines"))
    def bylines(self, obj):
        return obj.byline

    @admin.display(description=_("public now"), boolean=True)
    def is_live(self, obj):
        return obj.is_published

    @admin.action(description=_("Publish selected stories now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        waiting = [article.pk for article in queryset if not article.is_published]  # warn only for those it publishes
        self._transition(request, queryset, publish_unless_scheduled, _("published"))
        for article in queryset.filter(pk__in=waiting, status=Article.Status.PUBLISHED):
            for warning in article_publish_warnings(article):
                self.message_user(request, f"“{article}”: {warning}", messages.WARNING)

    @admin.action(description=_("Withdraw selected stories from the site"), permissions=["publish"])
    def withdraw(self, request, queryset):
        self._transition(request, queryset, article_withdraw, _("withdrawn"))

    def _transition(self, request, queryset, service, verb):
        said = lambda n: ngettext("%(count)d story %(verb)s.", "%(count)d stories %(verb)s.", n) % {"count": n, "verb": verb}
        each_reporting_refusals(self, request, queryset, lambda article: service(article=article, by=request.user), said)
