"""The story form's autosave on the desk: the endpoint the form's script posts to, the offer, restore and discard.

`AutosaveMixin` is mixed into `ArticleAdmin`; the store itself is desk/autosave.py.
"""
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import FileField
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from security.refusals import gone_with_text
from times.desk import desk_time

from ..autosave import (
    FORM_KEY, FROM_KEY, autosave_data, autosave_discard, autosave_for, autosave_store, form_key, kept_fields, new_form_key,
)
from ..models import AutosavedCopy
from .urls import model_admin_urls

RESTORE = "autosave"  # ?restore=autosave on the form puts the copy back
SHOWN = ("headline", "standfirst", "body", "tags")  # a copy's text, shown to copy from where the form is read-only
SHOWN_ROWS = re.compile(r"^(photo_uses-(\d+)-caption|corrections-(\d+)-text)$")  # and the inlines' text
GONE = gettext_lazy("this story was deleted, or is no longer on your desk, so nothing can be kept for it: "
        "copy your text before you leave this page")


def shown_text(opts, copy) -> list[tuple[str, str, str]]:
    """Everything a person typed in the copy, as (name, label, text), where the form is read-only to them."""
    data = autosave_data(copy)
    shown = [(name, opts.get_field(name).verbose_name, data.get(name, "")) for name in SHOWN]
    shown.append(("desk_note", _("Note for the record"), data.get("desk_note", "")))
    for name in data:  # in the form's order, as it was posted
        if match := SHOWN_ROWS.match(name):
            label = _("Caption of body photo %(n)d") if match[2] else _("Correction or update %(n)d")
            shown.append((name, label % {"n": int(match[2] or match[3]) + 1}, data[name]))
    return [(name, label, text) for name, label, text in shown if text.strip()]


def restored_initial(form, copy) -> dict:
    """Return the form's initial values from an autosaved copy, read by each field's own widget."""
    data = autosave_data(copy)
    return {
        name: field.widget.value_from_datadict(data, {}, form.add_prefix(name))
        for name, field in form.fields.items()
        if not isinstance(field, FileField) and not field.widget.value_omitted_from_data(data, {}, form.add_prefix(name))
    }


def restored_base(copy):
    """The copy's hidden `initial-*` inputs alone: what its form held when it was opened."""
    data = autosave_data(copy)
    for name in [name for name in data if not name.startswith("initial-")]:
        del data[name]
    return data


class AutosaveMixin:
    def get_urls(self):
        return model_admin_urls(self, [
            ("autosave/", self.autosave_view, "autosave_new"),
            ("autosave/discard/", self.autosave_discard_view, "autosave_discard_new"),
            ("<int:pk>/autosave/", self.autosave_view, "autosave"),
            ("<int:pk>/autosave/discard/", self.autosave_discard_view, "autosave_discard"),
        ]) + super().get_urls()

    def _autosaved_story(self, request, pk):
        """Return the story whose form `request.user` may keep a copy of (None: a new story), or refuse. A story
        they may only read now (an editor published it while they wrote) still keeps their copy: it is theirs
        alone and never changes the story."""
        if pk is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self._desk_article(request, pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A save the person may no longer make (the story was published, or moved on, since they opened it)
        loses nothing: what they posted is kept as their copy and shown on the story's page, with the reason."""
        if request.method == "POST" and object_id:
            article = self.get_object(request, unquote(object_id))
            if article is None:
                return self.story_gone(request)
            if self.has_view_permission(request, article) and not self.has_change_permission(request, article):
                try:
                    autosave_store(user=request.user, article=article, data=request.POST)
                except ValidationError:
                    raise PermissionDenied from None  # larger than any story the form would take
                self.message_user(request, _(
                    "Nothing was saved: you may no longer change this story, which is now “%(state)s”. Your text "
                    "is kept below, for you alone: copy what you need, or give it to an editor."
                ) % {"state": article.state_label}, messages.ERROR)
                return redirect("admin:articles_article_change", article.pk)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def story_gone(self, request):
        """A save for a story deleted (or taken off the person's desk) while they wrote: nothing is saved,
        and everything they typed is given back, to copy."""
        typed = [(label, value) for _name, label, value in shown_text(self.opts, AutosavedCopy(data=kept_fields(request.POST)))]
        return gone_with_text(
            request, self.admin_site, gone=_("the story"), typed=typed,
            why=_("This story was deleted, or taken off your desk, while you wrote in it."),
            back=(reverse("admin:articles_article_add"), _("Write a new story")),
        )

    def autosave_view(self, request, pk=None):
        if request.method == "GET":
            # The token to post with: a login in another tab (the session had ended) changed it under the open
            # form, whose script asks here when refused. JSON, for this site's own scripts (no CORS).
            return JsonResponse({"csrf": get_token(request)})
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        try:
            article = self._autosaved_story(request, pk)
        except Http404:
            return JsonResponse({"error": str(GONE)}, status=404)  # the form's script shows it; its text stays there
        try:
            copy = autosave_store(user=request.user, article=article, data=request.POST)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=413)
        return JsonResponse({"message": _("Unsaved text kept at %(when)s.") % {"when": desk_time(copy.saved_at)}})

    def autosave_discard_view(self, request, pk=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._autosaved_story(request, pk)
        autosave_discard(user=request.user, article=article, key=request.GET.get("form"))
        self.message_user(request, _("The unsaved text was discarded."), messages.SUCCESS)
        return redirect("admin:articles_article_add") if article is None else redirect("admin:articles_article_change", article.pk)

    def autosave_context(self, request, article) -> dict:
        """What the form page needs: where its script posts, how often, its key (each form opened writes a copy
        of its own), and the copy to offer back, if any: the person's newest, whichever form it came from."""
        saved = article is not None and article.pk is not None
        restoring = request.method == "GET" and request.GET.get("restore") == RESTORE
        copy = self.restore_copy(request, article) if restoring else autosave_for(user=request.user, article=article if saved else None)
        read_only = saved and not self.has_change_permission(request, article)  # no form to restore it into
        if copy and restoring and not read_only:
            self.message_user(request, _("Your unsaved text from %(when)s is back in the form: save to keep it.")
                              % {"when": desk_time(copy.saved_at)}, messages.WARNING)
        copy_query = f"form={copy.form_key}" if copy else ""
        if request.method == "POST":  # shown again (a form error): the same form goes on
            key = form_key(request.POST.get(FORM_KEY))
            from_key = form_key(request.POST[FROM_KEY]) if FROM_KEY in request.POST else None
        else:
            # Each opened form writes a copy of its own, a restored one too: the copy on offer may be another
            # tab's, still being written, or a crashed one's, which the form must not overwrite.
            key, from_key = new_form_key(), (copy.form_key if copy and restoring else None)
        restored = bool(copy and restoring and not read_only)
        return {
            "url": reverse("admin:articles_article_autosave", args=[article.pk]) if saved else reverse("admin:articles_article_autosave_new"),
            "seconds": settings.DESK_AUTOSAVE_SECONDS,
            "key": key,
            "from_key": from_key,
            "offer": copy if request.method == "GET" and (read_only or not restoring) else None,
            "restore_url": f"?restore={RESTORE}" + (f"&{copy_query}" if copy_query else ""),
            # Text that was never saved is in the form (restored, or posted and shown again): leaving it warns.
            "unsaved": restored or request.method == "POST",
            # The inlines' text (corrections, body-photo captions) is not put back: shown beside, to copy.
            "unrestored": [row for row in shown_text(self.opts, copy) if SHOWN_ROWS.match(row[0])] if restored else [],
            # No form to restore it into: the copy's text, to copy from.
            "text": shown_text(self.opts, copy) if copy and read_only else None,
            "discard_url": (
                reverse("admin:articles_article_autosave_discard", args=[article.pk]) if saved
                else reverse("admin:articles_article_autosave_discard_new")
            ) + (f"?{copy_query}" if copy_query else ""),
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["autosave"] = self.autosave_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def restore_copy(self, request, article):
        """Return the copy to put back in the form being opened, when the person asked for it."""
        if request.method != "GET" or request.GET.get("restore") != RESTORE:
            return None
        return autosave_for(user=request.user, article=article if article is not None and article.pk else None, key=request.GET.get("form"))
