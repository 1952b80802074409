"""The desk's times: one way to say them, and one box to type them in.

The input is one datetime-local box, to the second (schedules, embargoes and expiries are to the
second), on the calendar the site can keep. The admin's split date and time boxes have no label of their own.
Below every app, so that the photo library says its times as the story's schedule does."""
from contextlib import suppress
from datetime import UTC, datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import pretty_name
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# One way to say a moment on the desk, in the newsroom's zone, to the second: "24 Nov 2026 14:00:05 CET".
DESK_TIME_FORMAT = "j M Y H:i:s"  # and the zone's name (zoned)
SECONDS_INPUT = "%Y-%m-%dT%H:%M:%S"
# "9999-12-31", typed as "never" west of UTC, is stored as the year 10000, which the database driver cannot read
# back: every reader page asks the schedule for its next moment, and all of them failed.
EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(3000, 1, 1, tzinfo=UTC)


def zoned(moment, fmt: str) -> str:
    """`moment` in the newsroom's zone by the date format `fmt`, then the zone's name: "02:30 CEST" and "02:30 CET"
    in the hour a clock change repeats, where Django's `T` writes nothing and two moments an hour apart read alike."""
    local = timezone.localtime(moment)
    return f"{date_format(local, fmt)} {local.tzname()}"


def desk_time(when) -> str:
    """Say `when` as the desk does everywhere: "24 Nov 2026 14:00:05 CET"."""
    return zoned(when, DESK_TIME_FORMAT)


def desk_time_column(model, name: str):
    """A desk list's column for the time in `model`'s field `name`, said as desk_time says it (the admin would
    say "7 Dec 2026, 3:14 a.m."), under the field's name and sortable by it."""
    def column(obj):
        return desk_time(when) if (when := getattr(obj, name)) else "—"
    column.__name__ = name  # the column's CSS class, as the field's own would be
    return admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)(column)


class DeskTimes:
    """ModelAdmin or inline mixin: a change page's read-only times said as desk_time says them, where Django formats
    them itself ("7 Dec 2026, 4:15 p.m."). Each read-only DateTimeField `x` is shown by the admin's `x_said` (Django
    reads a model field itself, before any admin attribute of the same name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.desk_times = {field.name for field in self.model._meta.concrete_fields if isinstance(field, models.DateTimeField)}
        for name in self.desk_times:
            setattr(self, f"{name}_said", desk_time_column(self.model, name))

    def said(self, name):
        return f"{name}_said" if isinstance(name, str) and name in self.desk_times else name

    def get_readonly_fields(self, request, obj=None):
        return [self.said(name) for name in super().get_readonly_fields(request, obj)]

    def get_fieldsets(self, request, obj=None):
        readonly = set(super().get_readonly_fields(request, obj))
        def shown(name):
            return tuple(map(shown, name)) if isinstance(name, (list, tuple)) else self.said(name) if name in readonly else name
        return [(title, {**options, "fields": [shown(name) for name in options["fields"]]})
                for title, options in super().get_fieldsets(request, obj)]


def on_the_calendar(moment) -> None:
    if moment is not None and not EARLIEST <= moment < LATEST:
        raise ValidationError(
            _("Choose a time from 1900 to 2999: the site keeps no other. For no time at all, leave the box empty."),
            code="off_calendar",
        )


class SecondsInput(forms.DateTimeInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "datetime-local", "step": 1, **(attrs or {})}, format=SECONDS_INPUT)


class MomentInput(forms.HiddenInput):
    """A default's moment as the page showed it, with its offset: of the two 01:30s the night clocks go back,
    the one shown (the box beside it holds the wall-clock time only)."""

    def format_value(self, value):
        if isinstance(value, datetime):
            return (timezone.make_aware(value) if timezone.is_naive(value) else value).replace(microsecond=0).isoformat()
        return super().format_value(value)


class DeskTimeField(forms.DateTimeField):
    """Every time typed on the desk: one box, to the second, within the calendar above.

    The box holds the newsroom's wall-clock time, which the night clocks go back repeats for an hour: such a
    time typed is refused (Django's "couldn't be interpreted"), as which moment is meant cannot be told. But
    one the desk showed, a stored time or a default, saves back as the moment it showed: the form could not
    otherwise be saved again at all. The moment shown is the field's initial value, or for a default computed
    per request (an alert's "two hours from now"), the page's hidden copy of it, which carries its offset.
    """

    widget = SecondsInput
    hidden_widget = MomentInput
    default_validators = [on_the_calendar]

    def get_bound_field(self, form, field_name):
        zone = timezone.get_current_timezone_name()
        label = pretty_name(field_name) if self.label is None else self.label
        if zone not in str(label):
            # The box reads the newsroom's wall clock: say which, so that no one working from another zone guesses
            # (an embargo or a scheduled update typed on their own clock went out hours off).
            self.label = _("%(label)s (%(zone)s)") % {"label": label, "zone": zone}
        self.bound = super().get_bound_field(form, field_name)  # each form has its own copy of the field
        return self.bound

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as refusal:
            if refusal.code == "ambiguous_timezone" and (shown := self.shown_as(value)) is not None:
                return shown
            raise

    def shown_as(self, value):
        """The moment the form showed as `value` in the repeated hour, or None if it showed another."""
        bound = getattr(self, "bound", None)
        typed = value if isinstance(value, datetime) else parse_datetime(str(value).strip())
        if bound is None or typed is None:
            return None
        shown = []
        if self.show_hidden_initial:  # a default computed per request, as the page had it, with its offset:
            with suppress(ValueError):  # first, as the default computed now may read the same an hour on
                shown.append(parse_datetime(str(bound.form.data.get(bound.html_initial_name, "")).strip()))
        shown.append(bound.initial)  # a stored time, as the form showed it
        for moment in shown:
            if isinstance(moment, datetime) and timezone.is_aware(moment) and timezone.make_naive(moment).replace(microsecond=0) == typed:
                return moment.replace(microsecond=0)
        return None
