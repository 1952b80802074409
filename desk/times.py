"""One way to say a moment on the desk: the newsroom's zone, to the second, with the zone's name."""
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import DESK_TIME_FORMAT


def desk_time(when) -> str:
    """Say `when` as the desk does everywhere: "24 Nov 2026 14:00:05 CET"."""
    return date_format(timezone.localtime(when), DESK_TIME_FORMAT)
