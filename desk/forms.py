"""The desk's forms: the story form, its photo formset, and the workflow buttons' forms."""
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget

from notes.services import blocking_message
from photos.publishing import photo_problems

from articles.models import Article
from articles.permissions import can_publish
from articles.tag_input import OrderedTagField, edit_string_in_order

from .conflicts import current_article, describe_conflict
from .diffs import COMPARED_FIELDS
from .services import article_transition_check

SCHEDULING_FIELDS = ("publish_at", "unpublish_at")


class TagAutocompleteWidget(TagWidget):
    """Taggit's comma-separated input, with suggestions for the tag being typed from the admin's lookup."""

    template_name = "articles/widgets/tag_autocomplete.html"

    class Media:
        js = ["articles/js/tag-autocomplete.js"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "size": 60, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}-suggestions"
        widget_attrs["data-autocomplete-url"] = reverse_lazy("admin:autocomplete")
        return context

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            value = edit_string_in_order(value)  # taggit's own sorts the names: the trail's order would be lost
        return forms.TextInput.format_value(self, value)


class ArticleAdminForm(forms.ModelForm):
    """The desk's article form. Journalists get no publishing controls, and a forged value is refused.

    It carries the story's version: a save from an older version than the one saved now is refused
    with what changed meanwhile, and the submitted text stays in the form.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"tags": TagAutocompleteWidget}
        field_classes = {"tags": OrderedTagField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.conflict = None
        self.fields["version"].required = not self.instance._state.adding
        if "tags" in self.fields and not self.instance._state.adding:
            self.initial["tags"] = list(self.instance.tags.all())  # in the order attached, which the trail shows
        if "status" in self.fields and not can_publish(user):
            # Only the choices a journalist may pick are offered; clean_status refuses the rest.
            current = self.instance.status
            offered = {Article.Status.DRAFT, Article.Status.REVIEW} if current == Article.Status.DRAFT else {current}
            self.fields["status"].widget.choices = [
                (value, label) for value, label in Article.Status.choices if value in offered
            ]

    def _save_m2m(self):
        super()._save_m2m()
        typed = self.cleaned_data.get("tags")
        if "tags" in self.fields and "tags" in self.changed_data and typed is not None:
            # taggit's set() leaves the tags already attached where they were; a new order means
            # attaching them again, one by one in the order typed.
            attached = [name.casefold() for name in self.instance.tags.names()]
            if attached != [name.casefold() for name in typed]:
                self.instance.tags.set(typed, clear=True)

    def clean_version(self):
        # A new story starts at the model's default; only a change carries the version it started from.
        return self.cleaned_data["version"] or self.instance.version

    def clean_status(self):
        status = self.cleaned_data["status"]
        if not can_publish(self.user) and status not in (Article.Status.DRAFT, Article.Status.REVIEW):
            raise ValidationError(_("Only an editor can publish or withdraw a story. Submit it for review."))
        return status

    def clean(self):
        cleaned_data = super().clean()
        if not can_publish(self.user):
            # The form a journalist sees has no scheduling fields, so any value here was forged.
            # (Split date/time widgets post `<name>_0` and `<name>_1`.)
            if any(self.data.get(f"{name}{suffix}") for name in SCHEDULING_FIELDS for suffix in ("", "_0", "_1")):
                raise ValidationError(_("Only an editor can set a publication or expiry time."), code="not_editor")
        self.check_transition(cleaned_data.get("status"))
        if not self.instance._state.adding and cleaned_data.get("version"):
            self.check_version(cleaned_data["version"])
        if cleaned_data.get("status") == Article.Status.PUBLISHED:
            # Photos in the body column are checked by their inline formset (photos/forms.py).
            for message in photo_problems([cleaned_data.get("lead_photo")]):
                self.add_error("lead_photo" if "lead_photo" in self.fields else None, message)
            publishing = self.instance.status != Article.Status.PUBLISHED or "publish_at" in self.changed_data
            if publishing and self.instance.pk and (message := blocking_message(self.instance)):
                self.add_error("status", message)  # the same refusal as article_publish's, before anything is saved
        return cleaned_data

    def check_transition(self, status):
        # The instance still holds the saved status here (the form's values are applied after clean()).
        if status is None or status == self.instance.status:
            return
        try:
            article_transition_check(article=self.instance, by=self.user, to=status)
        except PermissionDenied:
            self.add_error("status", _("You may not move this story to “%(status)s”.") % {"status": Article.Status(status).label})
        except ValidationError as error:
            self.add_error("status", error)

    def check_version(self, version):
        current = current_article(self.instance.pk)
        if current is None or current.version == version:
            return
        submitted = {name: self.cleaned_data.get(name.removesuffix("_id"), getattr(self.instance, name)) for name in COMPARED_FIELDS}
        submitted["section_id"] = getattr(submitted["section_id"], "pk", submitted["section_id"])
        self.conflict = describe_conflict(current=current, started_version=version, submitted=submitted)
        # Saving again after reading the changes is a deliberate overwrite: the form now carries the
        # saved version, so the next submission of this text goes through.
        self.data = self.data.copy()
        self.data["version"] = current.version
        raise ValidationError(
            _(
                "%(who)s saved this story at %(when)s while you were editing it (%(summary)s). "
                "Your text is still in the form below. Compare it with their changes, then save again "
                "to replace their version with yours."
            ) % {
                "who": self.conflict["by"] or _("Someone"),
                "when": self.conflict["at"],
                "summary": self.conflict["summary"],
            },
            code="conflict",
        )


class ArticlePhotoInlineFormSet(BaseInlineFormSet):
    """Refuse to publish or schedule a story while a photo in its body column lacks a credit or alt text."""

    def clean(self):
        super().clean()
        if self.instance.status != Article.Status.PUBLISHED:
            return
        photos = [
            form.cleaned_data["photo"]
            for form in self.forms
            if form.cleaned_data.get("photo") and not self._should_delete_form(form)
        ]
        if messages := photo_problems(photos):
            raise ValidationError(messages, code="photo_not_ready")


class DeskActionForm(forms.Form):
    """A desk button: the story's version it was shown at, and an optional note for the record."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text=_("Optional: kept with the story's history and shown to the writer and editors."),
    )


class ScheduleForm(DeskActionForm):
    """Schedule or reschedule: a time typed in the newsroom's zone, stored in UTC."""

    at = forms.DateTimeField(
        label=_("Publication time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Naive input is read in the active zone (the newsroom's TIME_ZONE): say which, so no one guesses.
        self.fields["at"].label = _("Publication time (%(zone)s)") % {"zone": timezone.get_current_timezone_name()}

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError(_("Pick a time in the future to schedule, or use “Publish now”."))
        return at
