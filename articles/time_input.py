"""The desk's time input: one datetime-local box, to the second (schedules, embargoes and expiries are to the
second). The admin's split date and time boxes have no label of their own. Here, below the desk, so that live's
and planning's forms use it too."""
from django import forms

SECONDS_INPUT = "%Y-%m-%dT%H:%M:%S"


class SecondsInput(forms.DateTimeInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "datetime-local", "step": 1, **(attrs or {})}, format=SECONDS_INPUT)
