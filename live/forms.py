"""The live desk's forms: the entry composer, the alert and the scheduled update of a story."""
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.photo_rows import PhotoRowsFormSet
from photos.models import Photo
from photos.publishing import photo_problems
from security.plain_text import TypedText
from security.stale_forms import SeenForm
from times.desk import DeskTimeField, SecondsInput, desk_time

from .models import Alert, LiveEntry, ScheduledUpdate
from .updates import UPDATED_FIELDS, held_base


class EntryForm(forms.Form):
    """Write or edit an entry. `published_at` is offered to editors only; the service refuses it otherwise."""

    kind = forms.ChoiceField(label=_("Kind"), choices=LiveEntry.Kind.choices, initial=LiveEntry.Kind.UPDATE)
    headline = forms.CharField(label=_("Headline (optional)"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 6, "cols": 80, "data-composer": "true"}),
        help_text=_("A blank line starts a paragraph. Ctrl+Enter (⌘+Enter) sends it."),
    )
    photo = forms.ModelChoiceField(
        label=_("Photo"), queryset=Photo.objects.all(), required=False,
        widget=AutocompleteSelect(LiveEntry._meta.get_field("photo"), admin.site),
        help_text=_("Type to search the photo library; its caption and credit show with the entry."),
    )
    published_at = DeskTimeField(
        label=_("Publish at (optional)"), required=False,
        help_text=_("Empty: at once. A later time schedules it, in the newsroom's time zone."),
    )

    def __init__(self, *args, editor=False, scheduling=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not (editor and scheduling):
            del self.fields["published_at"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        LiveEntry._meta.get_field("body").run_validators(body)  # size and depth caps, before sanitising
        return body


class EntryEditForm(EntryForm):
    """An entry's edit: the entry's words as the form showed them (`seen`, live/services.entry_seen), so a
    colleague's edit meanwhile is told, not overwritten (live/services.entry_edit)."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class AlertForm(SeenForm):
    """An alert, and its expiry as the form showed it: a colleague who ended the alert (or moved its expiry)
    meanwhile is told, not undone by the old expiry this form posts back; one who changed its wording, story,
    level, sites or sections is told too (`seen`)."""

    seen_fields = ["headline", "article", "level", "domains", "sections"]
    shown_expires_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Alert
        fields = ["headline", "article", "level", "domains", "sections", "expires_at"]
        widgets = {"expires_at": SecondsInput}
        field_classes = {"expires_at": DeskTimeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["shown_expires_at"] = self.instance.expires_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        # The row as stored now, locked until the save: the copy the admin read first may predate an "End now"
        # that committed while this save waited for the lock, and its old expiry would bring the alert back.
        row = self.stored_row() if self.instance.pk else self.instance
        shown = parse_datetime(cleaned.get("shown_expires_at") or "")
        stored = row.expires_at
        if self.instance.pk and shown is not None and shown != stored:
            raise forms.ValidationError((
                _("This alert was ended at %(when)s while you were editing it: nothing was saved.")
                if stored <= timezone.now() else
                _("A colleague moved this alert's expiry to %(when)s while you were editing it: nothing was saved.")
            ) % {"when": desk_time(stored)} + " " + _(
                "What you typed is still below: open the alert again and make your change there."
            ))
        self.refuse_if_changed(row if self.instance.pk else None)
        return cleaned

    def clean_expires_at(self):
        """An expiry already past saves an alert no reader sees: refused, unless it is the one already saved
        (an ended alert corrected for the record). To end an alert now, the list has "End … now"."""
        expires_at = self.cleaned_data["expires_at"]
        if expires_at is not None and expires_at <= timezone.now() and (self.instance._state.adding or "expires_at" in self.changed_data):
            raise forms.ValidationError(_("That time has already passed: no reader would see this alert. Choose a later time."))
        return expires_at


class ScheduledUpdateForm(SeenForm):
    """A new version of a published story, and its moment. The service checks the same rules again.

    `prepared_from` carries the story's text as this form showed it (live/updates.py merges by it): the update's
    own for a scheduled update, the story as it is now for a new one, and for a held one the story as it is now
    in the fields that clash and the update's own for the rest (updates.held_base). `seen` carries the update as
    it showed it: a colleague's save of the same update meanwhile is told, not undone."""

    seen_fields = ["article", "publish_at", "headline", "standfirst", "body", "lead_photo", "photos"]
    rich_fields = frozenset({"body"})
    prepared_from = forms.JSONField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ScheduledUpdate
        fields = ["article", "publish_at", "headline", "standfirst", "body", "lead_photo"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16, "cols": 90}), "standfirst": forms.Textarea(attrs={"rows": 3, "cols": 90}),
                   "publish_at": SecondsInput}
        field_classes = {"publish_at": DeskTimeField, "standfirst": TypedText}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["prepared_from"] = held_base(self.instance) if self.instance.held_at else self.instance.base

    def seen_value(self, row, name):
        if name == "photos":  # the body photos' rows, edited in the same page
            return list(row.photo_uses.order_by("position", "pk").values_list("photo_id", "position", "caption"))
        return super().seen_value(row, name)

    def shown_value(self, row, name) -> str:
        if name == "photos":
            return ", ".join(use.display_caption for use in row.photo_uses.select_related("photo")) or "—"
        if name == "publish_at":
            return desk_time(row.publish_at)
        return super().shown_value(row, name)

    def label(self, name) -> str:
        return str(_("photos in the body")) if name == "photos" else super().label(name)

    def clean_prepared_from(self):
        base = self.cleaned_data["prepared_from"]
        return base if isinstance(base, dict) and sorted(base) == sorted(UPDATED_FIELDS) else None  # None: kept as it is

    def clean(self):
        cleaned = super().clean()
        # Applied or cancelled as the row is stored now, locked until the save: not on the copy read before a
        # cancellation (or the clock's application) committed while this save waited for the lock.
        row = self.stored_row() if self.instance.pk else self.instance
        if closed := (row.applied_at or row.cancelled_at):
            raise forms.ValidationError(_(
                "This update was %(what)s at %(when)s, while you were editing it: nothing was saved. What you typed "
                "is still below: copy it into a new update (“Schedule an update” on the story's desk page)."
            ) % {"what": _("applied") if row.applied_at else _("cancelled"),
                 "when": desk_time(closed)})
        self.refuse_if_changed(row if self.instance.pk else None)
        article, at = cleaned.get("article"), cleaned.get("publish_at")
        if article is not None and article.status != Article.Status.PUBLISHED:
            self.add_error("article", _("Only a published story can get a scheduled update."))
        if at is not None and at <= timezone.now():
            self.add_error("publish_at", _("Choose a time in the future."))
        for message in photo_problems([cleaned.get("lead_photo")]):
            self.add_error("lead_photo", message)
        if self.instance.pk is None and cleaned.get("prepared_from") is None:
            # Without the text it started from, an empty body or photo list would read as "remove them".
            self.add_error(None, _(
                "This form did not start from the story's live text, so it cannot tell what you meant to change. "
                "Use “Schedule an update” on the story's desk page; what you typed here is still below."
            ))
        return cleaned


class ScheduledUpdatePhotoFormSet(PhotoRowsFormSet):
    """Every published photo carries its credit: the update's body photos too, when it is scheduled. A row a
    colleague removed after the form was opened is refused once, by name (PhotoRowsFormSet)."""

    whose = _("this update")

    def clean(self):
        super().clean()
        photos = [form.cleaned_data["photo"] for form in self.forms
                  if form.cleaned_data.get("photo") and not self._should_delete_form(form)]
        if messages := photo_problems(photos):
            raise ValidationError(messages, code="photo_not_ready")
