"""The editors' desk inside the article admin: workflow buttons, the schedule board, revisions, preview links.

`ArticleDeskMixin` is mixed into `ArticleAdmin` (desk/admin/article.py). Every write goes through a
service (desk/services.py), which checks the user's permission again.
"""
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Max, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.models import Article
from articles.permissions import can_edit, can_publish
from domains.absolute_urls import canonical_url
from notes.panel import notes_panel
from people.names import person_name
from security.refusals import gone_with_text
from times.desk import desk_time

from ..actions import ACTIONS, offered
from ..diffs import changed_fields, text_diffs
from ..forms import DeskActionForm, ScheduleForm
from ..history import story_history
from ..services import (
    article_publish_warnings, article_restore_revision, article_transition, article_transition_check, preview_link_create,
    preview_link_revoke,
)
from .urls import model_admin_urls


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class ArticleDeskMixin:
    change_form_template = "desk/admin/article_change_form.html"
    change_list_template = "desk/admin/article_change_list.html"

    def get_urls(self):
        return model_admin_urls(self, [
            ("schedule/", self.schedule_view, "schedule"),
            ("<int:pk>/desk/<slug:action>/", self.transition_view, "transition"),
            ("<int:pk>/revisions/", self.revisions_view, "revisions"),
            ("<int:pk>/revisions/compare/", self.compare_view, "compare"),
            ("<int:pk>/revisions/<int:version_id>/restore/", self.restore_view, "restore"),
            ("<int:pk>/preview-links/", self.preview_link_create_view, "preview_link_create"),
            ("<int:pk>/preview-links/<int:link_id>/revoke/", self.preview_link_revoke_view, "preview_link_revoke"),
        ]) + super().get_urls()

    # The change page: the desk panel above the form.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {
                **(extra_context or {}), "desk": self.desk_panel(request, article), "notes": notes_panel(request, article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        new = Article(status=Article.Status.DRAFT)
        return super().add_view(request, form_url, {**(extra_context or {}), "desk": self.desk_panel(request, new)})

    def desk_panel(self, request, article):
        """Return what the desk panel shows: the buttons `request.user` may use, the record, the links.

        The buttons, the note and the publication time belong to the story form (their `form`
        attribute), so pressing one saves the text on screen with the move.
        """
        buttons = []
        for name, action in ACTIONS.items():
            if not offered(name, article):
                continue
            try:
                article_transition_check(article=article, by=request.user, to=action.to)
            except (PermissionDenied, ValidationError):
                continue
            label = _("Reschedule") if name == "schedule" and article.status == Article.Status.PUBLISHED else action.label
            buttons.append({"name": name, "label": label, "confirm": action.confirm, "schedule": name == "schedule"})
        editor = can_publish(request.user)
        saved = article.pk is not None
        return {
            "state": article.state_label,
            "embargo": article.embargo_message if article.embargo_at and article.embargo_at > timezone.now() else "",
            "buttons": buttons,
            "schedules": any(button["schedule"] for button in buttons),
            "transitions": article.transitions.select_related("by") if saved else [],
            "is_editor": editor,
            "warnings": article_publish_warnings(article) if editor and saved and not article.is_published else [],
            # "Plan this story": an assignment made from it, unless it has one (hasattr: the reverse one-to-one).
            "plan_url": (
                f"{reverse('admin:planning_assignment_add')}?story={article.pk}"
                if editor and saved and not hasattr(article, "assignment") else ""
            ),
            "revisions_url": reverse("admin:articles_article_revisions", args=[article.pk]) if editor and saved else "",
            "schedule_url": reverse("admin:articles_article_schedule") if editor else "",
            "preview_create_url": reverse("admin:articles_article_preview_link_create", args=[article.pk]) if editor and saved else "",
            "preview_links": [
                {
                    "link": link,
                    "url": canonical_url(link.get_absolute_url(), request=request),
                    "revoke_url": reverse("admin:articles_article_preview_link_revoke", args=[article.pk, link.pk]),
                }
                for link in (article.preview_links.active().select_related("created_by") if editor and saved else [])
            ],
        }

    def _desk_article(self, request, pk) -> Article:
        # get_object goes through get_queryset: a journalist reaches only their own stories.
        article = self.get_object(request, str(pk))
        if article is None:
            raise Http404(_("No such story on your desk."))
        return article

    def _back(self, request, article):
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return redirect(target)
        return redirect("admin:articles_article_change", article.pk)

    # Workflow buttons (the change page and the schedule board post here).

    def transition_view(self, request, pk, action):
        """A button without the story form: the schedule board's "Reschedule" and "Publish now"."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in ACTIONS:
            raise Http404(_("No such desk action."))
        article = self.get_object(request, str(pk))  # a journalist reaches only their own stories
        if article is None:  # deleted, or taken off their desk, while the board's boxes were typed in
            typed = [(_("Publication time"), request.POST.get("at", "")), (_("Note"), request.POST.get("note", ""))]
            return gone_with_text(request, self.admin_site, gone=_("the story"), typed=typed,
                                  back=(reverse("admin:articles_article_schedule"), _("Back to the schedule board")))
        if action == "schedule":  # the time the board showed: in the hour a clock change repeats, that moment
            form = ScheduleForm(request.POST, initial={"at": article.publish_at and timezone.localtime(article.publish_at)})
        else:
            form = DeskActionForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                problem = f"{label}: {' '.join(errors)}" if label else " ".join(errors)
                self.message_user(request, f"“{article}”: {problem}", messages.ERROR)
            self.say_what_was_typed(request, article)
            return self._back(request, article)
        # The version the button was shown at: if the story changed since, the save is refused.
        article.version = form.cleaned_data["version"]
        try:
            article_transition(
                article=article, by=request.user, to=ACTIONS[action].to, note=form.cleaned_data["note"],
                at=form.cleaned_data.get("at") if action == "schedule" else None,
            )
        except ValidationError as error:
            self.message_user(request, f"“{article}”: {error_text(error)}", messages.ERROR)
            self.say_what_was_typed(request, article)
        else:
            self.message_user(request, ACTIONS[action].done % article, messages.SUCCESS)
            if action in ("publish", "schedule"):
                for warning in article_publish_warnings(article):
                    self.message_user(request, warning, messages.WARNING)
        return self._back(request, article)

    def say_what_was_typed(self, request, article) -> None:
        """A refused button goes back to a page that shows the story as it is: the time and note typed are said in
        a message, to type again, rather than dropped."""
        typed = []
        if at := request.POST.get("at", "").strip():
            typed.append(_("the time you typed: %(at)s") % {"at": at.replace("T", " ")})
        if note := request.POST.get("note", "").strip():
            typed.append(_("your note: “%(note)s”") % {"note": note})
        if typed:
            self.message_user(request, _("“%(story)s”: nothing was changed; %(typed)s.") % {"story": article, "typed": "; ".join(typed)},
                              messages.ERROR)

    # The schedule board.

    def schedule_view(self, request):
        if not can_publish(request.user):
            raise PermissionDenied
        scheduled = (
            Article.objects.scheduled().select_related("section").order_by("publish_at", "pk")
        )
        in_review = (
            Article.objects.filter(status=Article.Status.REVIEW)
            .select_related("section")
            .annotate(submitted_at=Max("transitions__at", filter=Q(transitions__to_status=Article.Status.REVIEW)))
            .order_by(F("submitted_at").asc(nulls_first=True), "updated_at", "pk")
        )
        next_url = request.get_full_path()

        def row(article):
            initial = {"version": article.version}
            if article.publish_at and article.publish_at > timezone.now():
                initial["at"] = timezone.localtime(article.publish_at)
            return {
                "article": article,
                "change_url": reverse("admin:articles_article_change", args=[article.pk]),
                "schedule_url": reverse("admin:articles_article_transition", args=[article.pk, "schedule"]),
                "publish_url": reverse("admin:articles_article_transition", args=[article.pk, "publish"]),
                "form": ScheduleForm(initial=initial, auto_id=f"id_{article.pk}_%s"),
            }

        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Schedule board"),
            "zone": timezone.get_current_timezone_name(),
            "scheduled": [row(article) for article in scheduled],
            "in_review": [row(article) for article in in_review],
            "next_url": next_url,
        }
        return TemplateResponse(request, "desk/admin/schedule_board.html", context)

    # History: one list of what happened to the story.

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            return super().history_view(request, object_id, extra_context)  # its 404 and 403
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("History of “%s”") % article,
            "zone": timezone.get_current_timezone_name(),
            "events": story_history(article),
        }
        return TemplateResponse(request, "desk/admin/history.html", context)

    # Revisions: history, comparison, restore.

    def _revision_article(self, request, pk):
        article = self._desk_article(request, pk)
        if not (can_publish(request.user) and can_edit(request.user, article)):
            raise PermissionDenied
        return article

    def revisions_view(self, request, pk):
        article = self._revision_article(request, pk)
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        rows = [
            {
                "version": version,
                "fields": version.field_dict,
                "status": Article.Status(version.field_dict["status"]).label,
                "restore_url": reverse("admin:articles_article_restore", args=[article.pk, version.pk]),
            }
            for version in versions
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Revisions of “%s”") % article,
            "rows": rows,
            "live": article.is_published,
            "zone": timezone.get_current_timezone_name(),
            "compare_url": reverse("admin:articles_article_compare", args=[article.pk]),
            "change_url": reverse("admin:articles_article_change", args=[article.pk]),
        }
        return TemplateResponse(request, "desk/admin/revisions.html", context)

    def compare_view(self, request, pk):
        article = self._revision_article(request, pk)
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        try:
            chosen = sorted(
                (get_object_or_404(versions, pk=int(request.GET[key])) for key in ("a", "b")), key=lambda v: v.pk,
            )
        except (KeyError, ValueError):
            self.message_user(request, _("Pick two revisions to compare."), messages.ERROR)
            return redirect("admin:articles_article_revisions", article.pk)
        old, new = chosen
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Compare revisions of “%s”") % article,
            "old": old,
            "new": new,
            "changed": changed_fields(old.field_dict, new.field_dict),
            "diffs": text_diffs(old.field_dict, new.field_dict),
            "revisions_url": reverse("admin:articles_article_revisions", args=[article.pk]),
        }
        return TemplateResponse(request, "desk/admin/compare.html", context)

    def restore_view(self, request, pk, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._revision_article(request, pk)
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        if request.POST.get("version") != str(article.version):
            # Saved since the revisions page was opened (or a page without the version): restored over, that save
            # would be a revision no one was pointed to.
            who = person_name(article.updated_by) if article.updated_by else _("Someone")
            self.message_user(request, _(
                "%(who)s saved this story at %(when)s after you opened its revisions, so nothing was restored: their "
                "save is the newest revision below. Compare it, then restore again if you still want to."
            ) % {"who": who, "when": desk_time(article.updated_at)}, messages.ERROR)
            return redirect("admin:articles_article_revisions", article.pk)
        try:
            article_restore_revision(article=article, version=version, by=request.user)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
        else:
            self.message_user(
                request, _("The text of %(date)s is back; the publication state is unchanged.")
                % {"date": desk_time(version.revision.date_created)},
                messages.SUCCESS,
            )
            if version.field_dict["section_id"] != article.section_id:
                self.message_user(request, _(
                    "The section it was in then has since been deleted: it stays in %(section)s."
                ) % {"section": article.section.name}, messages.WARNING)
        return redirect("admin:articles_article_change", article.pk)

    # Draft preview links.

    def preview_link_create_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._desk_article(request, pk)
        link = preview_link_create(article=article, by=request.user, show_notes=request.POST.get("show_notes") == "on")
        self.message_user(
            request,
            _("Preview link created, valid until %(when)s: %(url)s") % {
                "when": desk_time(link.expires_at),
                "url": canonical_url(link.get_absolute_url(), request=request),
            },
            messages.SUCCESS,
        )
        return redirect("admin:articles_article_change", article.pk)

    def preview_link_revoke_view(self, request, pk, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._desk_article(request, pk)
        link = get_object_or_404(article.preview_links, pk=link_id)
        preview_link_revoke(link=link, by=request.user)
        self.message_user(request, _("The preview link no longer works."), messages.SUCCESS)
        return redirect("admin:articles_article_change", article.pk)
