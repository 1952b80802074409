from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
