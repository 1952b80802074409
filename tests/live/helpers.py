"""Shared by the live tests: the surfaces a live story's entry appears on, and reading them."""
import json
import re
from html.parser import HTMLParser

from django.urls import reverse

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


class FormValues(HTMLParser):
    """What a browser would submit from a page's form, as the test client's POST data (no file inputs)."""

    def __init__(self):
        super().__init__()
        self.values, self.textarea, self.select, self.first_option = {}, None, None, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "checkbox", "radio"):
            self.values[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.values[name] = attrs.get("value") or "on"
        elif tag == "textarea" and name:
            self.textarea, self.values[name] = name, ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select:
            if "selected" in attrs or self.select not in self.values:
                self.values[self.select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data.removeprefix("\n") if not self.values[self.textarea] else data


def form_values(page: str, **changes) -> dict:
    """The form on `page` as a browser would submit it, with `changes` typed in."""
    parser = FormValues()
    parser.feed(page)
    return {**parser.values, **changes}
