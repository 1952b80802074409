"""Found in review: newsroom/logging.py's SECRET_PATHS is not anchored to the secret links' addresses. It replaces
whatever follows "/preview/" or "/planning/calendar/" anywhere in a log line, so readers' pages whose address
merely holds such a segment are logged with a made-up "[token]": the feed of the tag "Preview" (a sports desk's
match previews) or of a section "preview" cannot be told apart in the logs, nor found when it fails."""
import json
import logging

import pytest
from django.test import RequestFactory

from newsroom.logging import JSONFormatter


def logged_path(path: str) -> str:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", (path,), None)
    record.request = RequestFactory().get(path)
    return json.loads(JSONFormatter().format(record))


@pytest.mark.parametrize("path", ["/tag/preview/feed/rss/", "/section/preview/feed/atom/"])
def test_a_reader_page_with_preview_in_its_address_is_logged_as_it_is(path):
    """/tag/preview/feed/rss/ is a tag's feed, not a preview link: the log writes /tag/preview/[token]/rss/."""
    entry = logged_path(path)
    assert entry["path"] == path, entry
    assert entry["message"] == f"Not Found: {path}", entry
