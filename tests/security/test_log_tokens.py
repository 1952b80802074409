"""Secret links' tokens stay out of the logs (found in a review). A preview link's token and a desk calendar's are
in the path (`/preview/<token>/`, `/planning/calendar/<token>.ics`), which gunicorn's access log writes for every
request and django.request for every 4xx and 5xx: dropping the query string did not keep them out."""
import json

import pytest
from django.core import signing

from tests.security.servers import fetch, free_port, gunicorn

PREVIEW_TOKEN = signing.Signer(salt="desk.preview-link").sign("previewkeyPREVIEWKEYpreviewkey0123456789abc")
CALENDAR_TOKEN = signing.Signer(salt="planning.calendar-feed").sign("calendarkeyCALENDARKEYcalendar0123456789ab")


@pytest.mark.django_db
def test_the_access_log_does_not_write_preview_or_calendar_tokens(tmp_path):
    """Anyone who can read the logs (ops staff, a log shipper, a SaaS log store, a leaked backup) gains every
    preview link opened and every desk calendar polled: each unpublished story's full text, its photos and (when
    ticked) its notes, for 48 hours, and each desk's planning calendar until revoked, with no desk login.
    A calendar app polls its feed every few minutes, so the calendar's token is in the log all day long."""
    access_log = tmp_path / "access.log"
    closed = free_port()  # no database: the answers are 503, logged as any answer is; a 200 is logged the same way
    with gunicorn(tmp_path, f"postgres://newsroom@127.0.0.1:{closed}/newsroom", GUNICORN_ACCESS_LOG=str(access_log)) as (port, log):
        fetch(port, f"/preview/{PREVIEW_TOKEN}/")
        fetch(port, f"/planning/calendar/{CALENDAR_TOKEN}.ics")
    accesses = [json.loads(line) for line in access_log.read_text().splitlines()]
    assert len(accesses) == 2
    written = access_log.read_text()
    assert PREVIEW_TOKEN not in written and PREVIEW_TOKEN.split(":")[0] not in written, accesses
    assert CALENDAR_TOKEN not in written and CALENDAR_TOKEN.split(":")[0] not in written, accesses


@pytest.mark.django_db
def test_the_apps_own_log_does_not_write_a_preview_token(client, settings):
    """django.request logs every 4xx and 5xx with `path` (newsroom/logging.py) and a message naming the path: a
    preview link opened while the story is withdrawn, or a database blip while the lawyer opens it, writes the
    live token to the JSON logs, where anyone reading them can use it once the story is back."""
    import io
    import logging

    from newsroom.logging import JSONFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    logging.getLogger().addHandler(handler)
    try:
        assert client.get(f"/preview/{PREVIEW_TOKEN}/").status_code == 404
    finally:
        logging.getLogger().removeHandler(handler)
    written = stream.getvalue()
    assert written  # the 404 is logged
    assert PREVIEW_TOKEN.split(":")[0] not in written, written
