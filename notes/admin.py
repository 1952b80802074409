"""Notes on the desk: the story page's notes panel posts here; desk members are managed by site admins."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles.models import Article
from security.admin_initial import InitialFromAddress
from security.refusals import gone_with_text

from .forms import NoteForm, ReplyForm
from .models import DeskMember, Note
from .services import can_note, note_add, note_reopen, note_reply, note_resolve


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    """Not a list of its own (notes live on their story's page): only the panel's endpoints."""

    def has_module_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A note goes only with its story (no delete page of its own: get_urls), and Django's deletion of a story
        # asks this about each of its notes: the default said no to all but site admins, so an editor could delete
        # a draft only until someone commented on it. The story's own delete permission decides.
        return request.user.has_perm("articles.delete_article")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("on/<int:article_pk>/", view(self.add_view_for), name="notes_note_add_to"),
            path("<int:pk>/reply/", view(self.reply_view), name="notes_note_reply"),
            path("<int:pk>/resolve/", view(self.resolve_view), {"resolve": True}, name="notes_note_resolve"),
            path("<int:pk>/reopen/", view(self.resolve_view), {"resolve": False}, name="notes_note_reopen"),
        ]

    def _note(self, request, pk) -> Note:
        note = get_object_or_404(Note.objects.select_related("article"), pk=pk)
        if not can_note(request.user, note.article):
            raise Http404  # a story you may not open: say nothing of its notes
        return note

    def add_view_for(self, request, article_pk):
        if request.method != "POST":  # the page a login sends to after the session ended under the form
            return redirect(_change_url(article_pk))
        article = Article.objects.filter(pk=article_pk).first()
        if article is None or not can_note(request.user, article):
            # Deleted, or taken off this person's desk, meanwhile; one answer for both, and for a story never
            # theirs: whether it exists is not told.
            return self._gone(request, _("the story"), _("Comment"))
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                note_add(article=article, by=request.user, text=form.cleaned_data["text"], field=form.cleaned_data["field"],
                         quote=form.cleaned_data["quote"], quote_before=form.cleaned_data["quote_before"],
                         blocking=form.cleaned_data.get("blocking", False))
            except ValidationError as error:
                self.message_user(request, _("The note was not added: %s") % _errors(error), messages.ERROR)
                return self._refused(request, article, error.message_dict if hasattr(error, "error_dict") else {"text": error.messages})
            self.message_user(request, _("Note added."), messages.SUCCESS)
        else:
            self.message_user(request, _("The note was not added: %s") % " ".join(
                f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items()), messages.ERROR)
            return self._refused(request, article, {})
        return redirect(_change_url(article.pk))

    def _refused(self, request, article, errors):
        # Nothing typed is lost: the text comes back in the form, with its error, on the story's page.
        request.session["notes_draft"] = {"article": article.pk, "data": request.POST.dict(), "errors": errors}
        return redirect(_change_url(article.pk))

    def _gone(self, request, what, label):
        back = (reverse("admin:index"), _("Back to your desk"))
        return gone_with_text(request, self.admin_site, gone=what, typed=[(label, request.POST.get("text", ""))], back=back,
                              why=_("It was deleted, or taken off your desk, while you wrote."))

    def reply_view(self, request, pk):
        if request.method != "POST":
            return redirect(_change_url(self._note(request, pk).article_id))
        note = Note.objects.select_related("article").filter(pk=pk).first()
        if note is None or not can_note(request.user, note.article):  # as for a note (above)
            return self._gone(request, _("the note"), _("Reply"))
        form = ReplyForm(request.POST)
        if form.is_valid():
            note_reply(note=note, by=request.user, text=form.cleaned_data["text"])
            self.message_user(request, _("Reply added."), messages.SUCCESS)
        else:
            self.message_user(request, _("The reply was not added: %s") % " ".join(
                error for errors in form.errors.values() for error in errors), messages.ERROR)
            # Nothing typed is lost: the reply comes back in its thread's form, with its error.
            request.session["notes_draft"] = {"article": note.article_id, "reply_to": note.pk, "data": request.POST.dict()}
        return redirect(_change_url(note.article_id))

    def resolve_view(self, request, pk, resolve):
        note = self._note(request, pk)
        if request.method != "POST":
            return redirect(_change_url(note.article_id))
        try:
            (note_resolve if resolve else note_reopen)(note=note, by=request.user)
        except PermissionDenied:
            raise Http404
        except ValidationError as error:
            self.message_user(request, _("The note was not reopened: %s") % _errors(error), messages.ERROR)
            return redirect(_change_url(note.article_id))
        self.message_user(request, _("Note resolved.") if resolve else _("Note reopened."), messages.SUCCESS)
        return redirect(_change_url(note.article_id))


def _change_url(article_pk) -> str:
    return reverse("admin:articles_article_change", args=[article_pk]) + "#notes"


@admin.register(DeskMember)
class DeskMemberAdmin(InitialFromAddress, admin.ModelAdmin):
    """Who is on which desk, so that @politics reaches them. Site admins manage people, so this too."""

    list_display = ["desk", "user"]
    list_filter = ["desk"]
    autocomplete_fields = ["desk", "user"]

    def has_module_permission(self, request):
        return request.user.is_superuser
