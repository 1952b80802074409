"""The desk panel's note and publication-time boxes tell a screen reader what they are for (WCAG 1.3.1, 3.3.2)."""
from html.parser import HTMLParser

import pytest

from articles.models import Article
from tests.factories import ArticleFactory

from .helpers import change_url


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Described(HTMLParser):
    """Every element's id and text, and the aria-describedby of the boxes asked for."""

    def __init__(self, names):
        super().__init__()
        self.names, self.describedby, self.texts, self.open = names, {}, {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("name") in self.names and tag in ("input", "textarea") and attrs.get("type") != "hidden":
            self.describedby[attrs["name"]] = (attrs.get("aria-describedby") or "").split()
        if attrs.get("id"):
            self.texts[attrs["id"]] = ""
        if tag not in VOID:
            self.open.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        for element_id in self.open:
            if element_id:
                self.texts[element_id] += data


@pytest.mark.django_db
def test_the_note_and_publication_time_boxes_are_described_by_their_help_texts(editor_client):
    """A screen reader hears, on the note box, that the note is sent with the button pressed, and on the time box,
    that it is for "Schedule": each box's aria-describedby names an element on the page that holds that help."""
    article = ArticleFactory(status=Article.Status.REVIEW)
    page = Described({"desk_note", "desk_at"})
    page.feed(editor_client.get(change_url(article)).content.decode())
    described = {name: " ".join(page.texts.get(i, "") for i in ids) for name, ids in page.describedby.items()}
    assert "sent with the button you press" in described["desk_note"]
    assert "For “Schedule”" in described["desk_at"]
