"""A reader who opened a story's link while it was a draft sees the story at its time, in the same browser.

Found in Chromium: the 404 for a story that exists but is not public was sent with `max-age=60`, so the
reader's browser kept it past the publication, served from its own cache, where no purge reaches.
"""
from datetime import timedelta

import pytest
from django.utils import timezone

from desk.services import article_publish

from .stories import HEADLINE, story

pytestmark = pytest.mark.e2e

LEAD_SECONDS = 3
SECOND = timedelta(seconds=1)


def test_a_reader_who_saw_the_drafts_404_sees_the_story_at_its_time(reader, desk_user, screenshot, server_clock):
    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    article = story(journalist=journalist)
    url = article.get_absolute_url()

    missing = reader.goto(url)
    assert missing.status == 404
    assert "max-age=0" in missing.headers["cache-control"]
    reader.goto("/")  # the reader moves on; the browser keeps whatever it was allowed to keep

    at = timezone.now() + timedelta(seconds=LEAD_SECONDS)
    article_publish(article=article, by=editor, at=at)
    assert reader.goto(url).status == 404, "the story showed before its time"
    server_clock(at - SECOND)
    assert reader.goto(url).status == 404, "the story showed before its time"

    server_clock(at)  # the server's clock: the browser's stays where it was, so nothing it kept has expired
    response = reader.goto(url)
    assert response.status == 200, "the same browser still showed the 404 at the story's time"
    assert reader.get_by_role("heading", level=1).text_content() == HEADLINE
    screenshot("published", of=reader)
