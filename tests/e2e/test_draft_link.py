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
POLL_SECONDS = 10


def test_a_reader_who_saw_the_drafts_404_sees_the_story_at_its_time(reader, desk_user, screenshot):
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
    before = reader.goto(url)
    assert before.status == 404 and timezone.now() < at, "the story showed before its time"

    deadline = at + timedelta(seconds=POLL_SECONDS)
    while (response := reader.goto(url)).status == 404 and timezone.now() < deadline:
        reader.wait_for_timeout(200)
    assert response.status == 200, "the same browser still showed the 404 after the story's time"
    assert timezone.now() >= at
    assert reader.get_by_role("heading", level=1).text_content() == HEADLINE
    screenshot("published", of=reader)
