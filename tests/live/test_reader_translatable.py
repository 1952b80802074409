"""A live story's reader words are marked for translation (tests/pseudo_translation.py): the coverage's headings
and badge, its older entries page, the breaking-news banner, the key-events feed and the words the polling
script writes (handed to it by the page, translated)."""
import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from live import page as live_page
from live import views as live_views
from live.models import LiveEntry
from tests.factories import AlertFactory, LiveCoverageFactory, LiveEntryFactory, UserFactory
from tests.pseudo_translation import untranslated, untranslated_feed

SITE_NAME = "Kuzey Gazetesi"


@pytest.fixture
def live_story(db, settings, monkeypatch):
    """An open live story with a pinned summary, a key event and two updates (one with a byline): the story's page
    shows two of them and links to the older ones, a page of one each; and a breaking-news alert."""
    settings.SITE_NAME = SITE_NAME
    monkeypatch.setattr(live_page, "NEWEST", 2)
    monkeypatch.setattr(live_views, "OLDER_PAGE", 1)
    coverage = LiveCoverageFactory(article__headline="Deprem: son gelişmeler", article__standfirst="Canlı takip.")
    author = UserFactory(first_name="Ayşe", last_name="Yılmaz")
    now = timezone.now()
    entries = [
        LiveEntryFactory(coverage=coverage, body="<p>Artçı sarsıntı.</p>", published_at=now - timedelta(minutes=40)),
        LiveEntryFactory(coverage=coverage, body="<p>Okullar kapalı.</p>", published_at=now - timedelta(minutes=30),
                         author=author),
        LiveEntryFactory(coverage=coverage, body="<p>Büyüklük 6,1.</p>", headline="Kandilli açıkladı",
                         kind=LiveEntry.Kind.KEY_EVENT, published_at=now - timedelta(minutes=20)),
        LiveEntryFactory(coverage=coverage, body="<p>Özet: hasar sınırlı.</p>", kind=LiveEntry.Kind.SUMMARY,
                         is_pinned=True, published_at=now - timedelta(minutes=10)),
    ]
    alert = AlertFactory(article=coverage.article, headline="Deprem İzmir'i salladı", expires_at=now + timedelta(hours=1))
    article = coverage.article
    content = [
        SITE_NAME, article.headline, article.standfirst, article.section.name, alert.headline, author.get_full_name(),
        *(entry.headline for entry in entries), *(entry.text for entry in entries), "First paragraph.", "Second paragraph.",
    ]
    return {"article": article, "content": content}


class ScriptWords(HTMLParser):
    """The words the polling script is handed, as the live section's data-live-words JSON."""

    def __init__(self):
        super().__init__()
        self.words = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-live-words" in attrs:
            self.words = json.loads(attrs["data-live-words"])


def leaves(value):
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in leaves(item)]
    return [value]


@pytest.mark.django_db
def test_every_word_on_a_live_storys_pages_is_marked_for_translation_or_content(live_story, client, pseudo_translated):
    """The coverage's heading and badge, "Older entries", the older page's navigation and the banner's words are
    marked for translation; the story's, entries' and alert's words are content."""
    article = live_story["article"]
    story = client.get(article.get_absolute_url()).content.decode()
    older = client.get(reverse("live:older", kwargs={"pk": article.pk}), {"before": 3})
    assert older.status_code == 200
    found = {name: untranslated(html, live_story["content"]) for name, html in
             {"story": story, "older entries": older.content.decode()}.items()}
    assert {name: texts for name, texts in found.items() if texts} == {}


@pytest.mark.django_db
def test_the_polling_script_is_handed_its_words_translated(live_story, client, pseudo_translated):
    """live.js says "N new updates", "Ended" and "Live coverage has ended" in the page's language: the page hands
    it every phrase, plural forms included, translated."""
    parser = ScriptWords()
    parser.feed(client.get(live_story["article"].get_absolute_url()).content.decode())
    assert parser.words, "no data-live-words on the live section"
    assert [word for word in leaves(parser.words) if isinstance(word, str) and "⟦" not in word] == []


@pytest.mark.django_db
def test_the_key_events_feed_title_is_marked_for_translation(live_story, client, pseudo_translated):
    """The key-events feed's title says "key events" in the newsroom's language."""
    root = ET.fromstring(client.get(reverse("live:feed", kwargs={"pk": live_story["article"].pk})).content)
    assert untranslated_feed(root, live_story["content"]) == []
