"""The desk's time input: one datetime-local box, to the second (schedules, embargoes and expiries are to the
second), on the calendar the site can keep. The admin's split date and time boxes have no label of their own.
Here, below the desk, so that live's and planning's forms use it too."""
from datetime import UTC, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SECONDS_INPUT = "%Y-%m-%dT%H:%M:%S"
# "9999-12-31", typed as "never" west of UTC, is stored as the year 10000, which the database driver cannot read
# back: every reader page asks the schedule for its next moment, and all of them failed.
EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(3000, 1, 1, tzinfo=UTC)


def on_the_calendar(moment) -> None:
    if moment is not None and not EARLIEST <= moment < LATEST:
        raise ValidationError(
            _("Choose a time from 1900 to 2999: the site keeps no other. For no time at all, leave the box empty."),
            code="off_calendar",
        )


class SecondsInput(forms.DateTimeInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "datetime-local", "step": 1, **(attrs or {})}, format=SECONDS_INPUT)


class DeskTimeField(forms.DateTimeField):
    """Every time typed on the desk: one box, to the second, within the calendar above."""

    widget = SecondsInput
    default_validators = [on_the_calendar]
