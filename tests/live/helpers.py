"""Shared by the live tests: the surfaces a live story's entry appears on, and reading them."""
import json
import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def surfaces(article) -> dict:
    pk = article.pk
    return {
        "page": article.get_absolute_url(),
        "head": reverse("live:head", kwargs={"pk": pk}),
        "range": reverse("live:entries", kwargs={"pk": pk}) + "?after=1&upto=2",
        "feed": reverse("live:feed", kwargs={"pk": pk}),
        "json-ld": article.get_absolute_url(),
    }


def live_blog_posting(content: str) -> dict:
    """The page's LiveBlogPosting data."""
    return next(data for data in map(json.loads, LD_RE.findall(content)) if data["@type"] == "LiveBlogPosting")


def shows(surface: str, response, entry) -> bool:
    """Whether `response` (of `surface`) shows `entry`."""
    content = response.content.decode()
    if surface == "head":
        return response.json()["seq"] == 2  # one entry was out before it
    if surface == "range":
        return [row["id"] for row in response.json()["entries"]] == [entry.pk]
    if surface == "json-ld":
        return any(update["url"].endswith(entry.get_absolute_url()) for update in live_blog_posting(content)["liveBlogUpdate"])
    if surface == "feed":
        return f"{entry.get_absolute_url()}</link>" in content
    return f'id="entry-{entry.pk}"' in content


def a_due_update(editor, article):
    """A scheduled update of `article` whose second has just passed: the clock applies it at the next request."""
    from live.models import ScheduledUpdate
    from live.updates import story_text

    return ScheduledUpdate.objects.create(
        article=article, headline="Planned headline", body="<p>planned</p>", publish_at=timezone.now() - timedelta(seconds=1),
        created_by=editor, base=story_text(article),
    )
