"""The live desk's forms: the entry composer and the alert form."""
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from photos.models import Photo

from .models import Alert, LiveEntry


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
    published_at = forms.SplitDateTimeField(
        label=_("Publish at (optional)"), required=False, widget=AdminSplitDateTime,
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


class AlertForm(forms.ModelForm):
    class Meta:
        model = Alert
        fields = ["headline", "article", "level", "domains", "sections", "expires_at"]
