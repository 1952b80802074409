"""The reader pages' own words are marked for translation: under a pseudo-translation (tests/pseudo_translation.py)
every word a reader sees or hears is either wrapped "⟦…⟧" or the newsroom's content (headlines, names, captions).
A page that says lang="tr" must not carry English navigation, headings or labels."""
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles import search, views
from desk.services import preview_link_create
from tests.factories import (
    ArticleFactory, ArticlePhotoFactory, CorrectionFactory, DomainFactory, PhotoFactory, PlatformLinkFactory,
    SectionFactory, UserFactory,
)
from tests.pseudo_translation import untranslated, untranslated_feed

SITE_NAME = "Kuzey Gazetesi"


@pytest.fixture
def newsroom(db, settings, monkeypatch, mirror_domain):
    """A parent and a child section, three published stories about elections (one with bylines, a lead photo, a
    body photo and a correction), a draft, a mirror and a platform link; listings of two stories a page."""
    settings.SITE_NAME = SITE_NAME
    monkeypatch.setattr(views.ListingView, "paginate_by", 2)
    monkeypatch.setattr(search.SearchView, "paginate_by", 2)
    news = SectionFactory(name="Haberler", slug="haberler", description="Günün haberleri")
    politics = SectionFactory(name="Siyaset", slug="siyaset", parent=news)
    authors = [UserFactory(first_name="Ayşe", last_name="Yılmaz"), UserFactory(first_name="Deniz", last_name="Kaya")]
    photo = PhotoFactory(caption="Seçmenler sandık başında.", alt_text="Oy veren kadın")
    lead = ArticleFactory(
        published=True, section=politics, headline="Seçim sonuçları açıklandı", standfirst="Sayım bitti.",
        body="<p>Sonuçlar election gecesi geldi.</p>", tags=["Seçim"], authors=authors, lead_photo=photo,
    )
    body_photo = PhotoFactory(caption="Sandıklar taşınıyor.", alt_text="Sandıklar")
    ArticlePhotoFactory(article=lead, photo=body_photo)
    correction = CorrectionFactory(article=lead, text="Tarih düzeltildi.")
    others = [
        ArticleFactory(published=True, section=politics, headline=f"Election haberi {n}", standfirst="Kısa özet.",
                       body="<p>Election metni.</p>", tags=["Seçim"])
        for n in (1, 2)
    ]
    draft = ArticleFactory(section=politics, headline="Taslak haber", standfirst="Henüz yayımlanmadı.")
    DomainFactory(hostname="ayna.example", position=2)
    PlatformLinkFactory(label="Telegram", url="https://t.me/kuzey")
    content = [
        SITE_NAME, news.name, news.description, politics.name, "Seçim", "election", "Election", mirror_domain.hostname,
        "ayna.example", "Telegram", correction.text, photo.agency.short_name,
        *(user.get_full_name() for user in authors),
        *(story.headline for story in (lead, *others, draft)), *(story.standfirst for story in (lead, *others, draft)),
        "Sonuçlar election gecesi geldi.", "Election metni.", "First paragraph.", "Second paragraph.",
        *(p.caption for p in (photo, body_photo)), *(p.alt_text for p in (photo, body_photo)),
    ]
    tag = lead.tags.get()
    return {"lead": lead, "politics": politics, "tag": tag, "draft": draft, "content": content}


def page(client, url, status=200, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def reader_pages(newsroom, client) -> dict:
    lead, politics = newsroom["lead"], newsroom["politics"]
    search_url = reverse("articles:search")
    preview = preview_link_create(article=newsroom["draft"], by=UserFactory(username="desk-editor", role="Editor"))
    return {
        "home": page(client, "/"),
        "section": page(client, politics.get_absolute_url()),
        "section, page 2": page(client, politics.get_absolute_url(), page=2),
        "tag": page(client, reverse("articles:tag", kwargs={"slug": newsroom["tag"].slug})),
        "story": page(client, lead.get_absolute_url()),
        "search": page(client, search_url),
        "search with results": page(client, search_url, q="election"),
        "search, page 2": page(client, search_url, q="election", page=2),
        "search without results": page(client, search_url, q="qwzx"),
        "search refused": page(client, search_url, q="x" * 201),
        "404": page(client, "/no-such-page/", status=404),
        "preview": page(client, preview.get_absolute_url()),
    }


@pytest.mark.django_db
def test_every_word_on_the_reader_pages_is_marked_for_translation_or_content(newsroom, client, pseudo_translated):
    """Navigation, headings, labels, pagination, the footer, the corrections and the preview banner are marked
    for translation; headlines, names, captions and the site's name are content and stay as written."""
    found = {name: untranslated(html, newsroom["content"]) for name, html in reader_pages(newsroom, client).items()}
    assert {name: texts for name, texts in found.items() if texts} == {}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feeds_titles_and_descriptions_are_marked_for_translation_or_content(newsroom, client, pseudo_translated, kind):
    """The words the code writes into the site's, a section's and a tag's feeds are marked for translation."""
    urls = [
        reverse(f"articles:feed-{kind}"),
        reverse(f"articles:section-feed-{kind}", kwargs={"slug": "siyaset"}),
        reverse(f"articles:tag-feed-{kind}", kwargs={"slug": newsroom["tag"].slug}),
    ]
    found = {url: untranslated_feed(ET.fromstring(client.get(url).content), newsroom["content"]) for url in urls}
    assert {url: texts for url, texts in found.items() if texts} == {}
