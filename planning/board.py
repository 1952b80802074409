"""The planning board's reading side: filters, and assignments grouped by day and by desk."""
from datetime import datetime, time, timedelta
from itertools import groupby

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Section
from times.desk import EARLIEST, LATEST

from .models import Assignment


class BoardFilterForm(forms.Form):
    day = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=31, required=False, initial=1)
    desk = forms.ModelChoiceField(label=_("Desk"), queryset=Section.objects.all(), required=False)
    assignee = forms.ModelChoiceField(
        label=_("Who"), queryset=get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username"),
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any"))] + Assignment.Status.choices, required=False)
    only = forms.ChoiceField(
        label=_("Show"), required=False,
        choices=[("", _("Everything")), ("late", _("Late only")), ("no-art", _("Without art only"))],
    )

    def clean(self):
        cleaned = super().clean()
        day, days = cleaned.get("day"), cleaned.get("days") or 1
        # The board reads from its first day's midnight to the day after its last one, in TIME_ZONE: at the ends of
        # Python's calendar that moment does not exist (0001-01-01 east of UTC was a 500). The desk keeps 1900–2999.
        if day and not EARLIEST.date() <= day <= LATEST.date() - timedelta(days=days):
            self.add_error("day", _("Choose days from 1900 to 2999: the desk plans no other."))
        return cleaned


def board(data) -> dict:
    """Return the filter form and the board it asks for: days, each with its desks and their assignments.

    Days are the newsroom's days (TIME_ZONE), by due time. Late and no-art are the model's rules
    (`AssignmentQuerySet.late()` and `.without_art()`), asked once for the whole board.
    """
    form = BoardFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    first = filters.get("day") or timezone.localdate()
    days = filters.get("days") or 1
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(first + timedelta(days=days), time.min, tzinfo=zone)
    assignments = Assignment.objects.filter(due_at__gte=start, due_at__lt=end)
    if filters.get("desk"):
        assignments = assignments.of_desk(filters["desk"])
    if filters.get("assignee"):
        assignments = assignments.of(filters["assignee"])
    if filters.get("status"):
        assignments = assignments.filter(status=filters["status"])
    else:
        assignments = assignments.open()
    if filters.get("only") == "late":
        assignments = assignments.late()
    elif filters.get("only") == "no-art":
        assignments = assignments.without_art()
    late = set(assignments.late().values_list("pk", flat=True))
    no_art = set(assignments.without_art().values_list("pk", flat=True))
    rows = list(assignments.for_board().order_by("due_at", "desk__name", "pk"))
    for row in rows:
        row.late = row.pk in late
        row.no_art = row.pk in no_art
        row.day = timezone.localtime(row.due_at).date()
    by_day = [
        {"day": day, "desks": _by_desk(list(items))}
        for day, items in groupby(rows, key=lambda row: row.day)
    ]
    return {
        "form": form, "first": first, "last": first + timedelta(days=days - 1), "days": by_day,
        "by_desk": _by_desk(rows), "count": len(rows), "late_count": len(late), "no_art_count": len(no_art),
    }


def _by_desk(rows) -> list[dict]:
    # By name, then by id: two desks may share a name ("Politics" under UK and under US), and groupby only
    # joins neighbours (desks are equal by id).
    ordered = sorted(rows, key=lambda row: (row.desk.name, row.desk_id, row.due_at, row.pk))
    return [{"desk": desk, "assignments": list(items)} for desk, items in groupby(ordered, key=lambda row: row.desk)]
