"""Log records as JSON lines: one object per event, one event per line, nothing secret in it."""
import json
import logging
import re
from collections.abc import Mapping
from datetime import UTC, datetime

from django.http import HttpRequest

# Fields a record may carry (`extra=`) that are safe to write. Anything else — notably the request
# object Django attaches, with its cookies, session, headers and POST body — is left out.
SAFE_EXTRAS = ("event", "username", "ip", "error")
# Secret links carry their token in the path, not the query string: a preview link (a draft's text, photos and
# notes) and a desk's calendar feed, polled all day. Written in any field, the token is replaced.
SECRET_PATHS = re.compile(r"(?<=[\" ])(/preview/|/planning/calendar/)[^/\s\"\\?]+")  # a path's start: not /tag/preview/
# gunicorn's error lines name the request's URI, query string included ("Error handling request GET /search?q=…", a
# worker killed at its timeout): the query is dropped there, as from the access lines.
QUERY_STRINGS = re.compile(r"(?<=[ '\"])((?:https?://[^\s/?'\"]*)?/[^\s?'\"]*)\?[^\s'\"]*")


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.name == "gunicorn.error":
            entry["message"] = QUERY_STRINGS.sub(r"\1", entry["message"])
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            entry["method"] = request.method
            entry["path"] = request.path  # no query string: readers' searches are theirs
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            # gunicorn's access line (gunicorn.conf.py). Its atoms also hold every header, cookies included,
            # and the query string: only these four are written.
            atoms = record.args
            entry.update(method=atoms["m"], path=atoms["U"], status=int(atoms["s"]), duration=float(atoms["L"]))
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        for key in SAFE_EXTRAS:
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        # A 403 is someone's role at work, not a fault: one line, no traceback (Django attaches one).
        if record.exc_info and status != 403:
            entry["exception"] = self.formatException(record.exc_info)
        return SECRET_PATHS.sub(r"\1[token]", json.dumps(entry, default=str, ensure_ascii=False))
