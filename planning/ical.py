"""An iCalendar (RFC 5545) rendering of assignments, for calendar apps: one VEVENT per assignment."""
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from people.names import person_name
from security.plain_text import plain_text
from times.desk import zoned

from .models import Assignment

LINE_LIMIT = 75  # octets per content line (RFC 5545, 3.1)
# The zone every time here is in. RFC 5545 (3.6) wants at least one component in a calendar: a desk with nothing
# planned would have none, and strict calendar apps refuse such a feed.
UTC_ZONE = ["BEGIN:VTIMEZONE", "TZID:UTC", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000", "TZNAME:UTC", "END:STANDARD", "END:VTIMEZONE"]


def escape(text: str) -> str:
    """Escape `text` for a property value; a control character stored before keep_plain (RFC 5545 forbids them) is a space."""
    return (
        plain_text(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (LINE_LIMIT if not out else LINE_LIMIT - 1):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def stamp(when) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def revised(assignment, now) -> datetime:
    """When what the line says last changed: its save, or since then its story going out or expiring (`status_shown`),
    or a save of the story moving those times (rescheduled, its expiry cleared), which leaves the line's status as it was."""
    story = assignment.story if assignment.status == Assignment.Status.PUBLISHED else None
    moments = (story.updated_at, story.publish_at, story.unpublish_at) if story else ()
    return max([assignment.updated_at, *(moment for moment in moments if moment and moment <= now)])


def calendar(*, name: str, assignments, host: str) -> str:
    """Return the calendar text: each assignment from its planned publication (or due time) onwards."""
    now = timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Newsroom//Planning//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{escape(name)}", *UTC_ZONE]
    for assignment in assignments:
        start = assignment.publish_from or assignment.due_at
        end = assignment.publish_until
        if end is None or end <= start:  # RFC 5545 wants DTEND after DTSTART: "out at 16:00", or "by 16:00" due at 18:00
            end = start + timedelta(minutes=30)
        who = ", ".join(person_name(user) for user in assignment.assignees.all())
        due = zoned(assignment.due_at, "j M Y H:i")
        description = f"{assignment.status_shown} · due {due}" + (f" · {who}" if who else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:assignment-{assignment.pk}@{host}",
            f"DTSTAMP:{stamp(revised(assignment, now))}",  # when it was last revised (RFC 5545, a calendar with no METHOD)
            f"DTSTART:{stamp(start)}",
            f"DTEND:{stamp(end)}",
            f"SUMMARY:{escape(f'[{assignment.slug}] {assignment.working_headline}')}",
            f"DESCRIPTION:{escape(description)}",
            f"STATUS:{'CANCELLED' if assignment.status == Assignment.Status.SPIKED else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
