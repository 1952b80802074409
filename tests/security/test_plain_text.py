"""Headlines, standfirsts, tag names and photo captions, alt texts and credits are plain text everywhere.

Each page is rendered once with harmless text and once with a hostile one; the element skeleton (tags and
attribute names, in order) must not change, and the text must come back exactly as typed: in the page, in
its sharing tags and JSON-LD, under photo figures and related-story thumbnails, and in the feeds (parsed
as XML). New pages join by adding a URL builder to PAGES, new feeds by adding to FEEDS.
"""
import html
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils.html import escape
from taggit.models import Tag

from articles.models import Article
from photos.models import Photo
from tests.articles.reader import NS, json_ld, meta_content, visible_text
from tests.desk.helpers import story_form
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory, UserFactory, image_file
from tests.security.xss import load_vectors, parse, structure

VECTORS = load_vectors("Context breakouts")

PAGES = {
    "home": lambda article: "/",
    "section": lambda article: article.section.get_absolute_url(),
    "tag": lambda article: reverse("articles:tag", kwargs={"slug": article.tags.get().slug}),
    "article": lambda article: article.get_absolute_url(),
}


FEEDS = ["/feed/rss/", "/feed/atom/"]


@pytest.fixture
def story(db):
    """A story with a credited lead photo, and an older one sharing its tag and photo (a related story)."""
    photo = PhotoFactory(
        image=image_file(size=(120, 80)), staff=True, photographer="Harmless Photographer",
        caption="Harmless caption.", alt_text="Harmless alt text.",
    )
    section = SectionFactory(name="World", slug="world")
    article = ArticleFactory(
        published=True, section=section, lead_photo=photo, headline="Harmless headline", standfirst="Harmless standfirst.",
    )
    article.tags.add("Harmless tag")
    older = ArticleFactory(published=True, section=section, lead_photo=photo, publish_at=article.publish_at.replace(year=2020))
    older.tags.add(article.tags.get())
    return article


def retitle(article, text):
    """Give the story, its tag and its lead photo `text` in every plain-text field."""
    Article.objects.filter(pk=article.pk).update(headline=text[:200], standfirst=text)
    article.tags.get().__class__.objects.filter(pk=article.tags.get().pk).update(name=text[:100])
    Photo.objects.filter(pk=article.lead_photo_id).update(caption=text, alt_text=text, photographer=text[:150])
    article.refresh_from_db()
    article.lead_photo.refresh_from_db()


def page_title(page):
    return html.unescape(page.split("<title>", 1)[1].split("</title>", 1)[0])


def meta_description(page):
    return next(dict(attrs)["content"] for tag, attrs in parse(page).elements if tag == "meta" and ("name", "description") in attrs)


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_hostile_text_changes_no_element_on_any_page(client, story, vector):
    harmless = {surface: structure(client.get(url(story)).content.decode()) for surface, url in PAGES.items()}
    retitle(story, vector)
    for surface, url in PAGES.items():
        hostile = client.get(url(story))
        assert hostile.status_code == 200, surface
        assert structure(hostile.content.decode()) == harmless[surface], surface


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_title_and_meta_description_carry_the_text_exactly(client, story, vector):
    """The <title> and the description attribute hold the headline and standfirst as typed, as text."""
    retitle(story, vector)
    page = client.get(story.get_absolute_url()).content.decode()
    assert page_title(page).startswith(vector[:200])
    assert meta_description(page).startswith(vector[:290].rstrip())


def json_ld_blocks(page):
    """Return the raw text of each JSON-LD block, as an HTML parser would end it (at the first `</script`)."""
    return re.findall(r'<script type="application/ld\+json">(.*?)</script', page, re.S | re.I)


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_feeds_carry_the_text_exactly(client, story, vector):
    """Parsed as XML, every feed field gives back what was typed; the description is HTML, so escaped once."""
    retitle(story, vector)
    credit = story.lead_photo.credit
    assert vector.strip() in credit
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        entry = (root.findall("atom:entry", NS) or list(root.iter("item")))[0]  # the newest: the story
        description = entry.findtext("description") or entry.findtext("atom:summary", namespaces=NS)
        assert description == escape(vector) and html.unescape(description) == vector, url
        assert (entry.findtext("title") or entry.findtext("atom:title", namespaces=NS)) == vector[:200], url
        categories = [c.text for c in entry.findall("category")] + [c.get("term") for c in entry.findall("atom:category", NS)]
        assert categories == [vector[:100]], url
        media = entry.find("media:content", NS)
        assert media.findtext("media:description", namespaces=NS) == vector, url
        assert media.findtext("media:credit", namespaces=NS) == credit, url


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_json_ld_gives_back_the_text_and_cannot_be_closed(client, story, vector):
    """json.loads of each block gives the text back; no block holds a `<`, so none can end early or open a comment."""
    retitle(story, vector)
    page = client.get(story.get_absolute_url()).content.decode()
    blocks = json_ld_blocks(page)
    assert len(blocks) == page.count("<script") == 2
    assert all("<" not in block for block in blocks)
    [article, breadcrumbs] = [json.loads(block) for block in blocks]
    assert (article["headline"], article["description"], article["keywords"]) == (vector[:200], vector, [vector[:100]])
    image = article["image"]
    assert (image["caption"], image["creditText"], image["creator"]["name"]) == (vector, story.lead_photo.credit, vector[:150])
    assert breadcrumbs["itemListElement"][-1]["name"] == vector[:100]
    assert json_ld(page)["NewsArticle"] == article


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_sharing_tags_carry_the_text_exactly(client, story, vector):
    retitle(story, vector)
    page = client.get(story.get_absolute_url()).content.decode()
    for key, expected in [
        ("og:title", vector[:200]), ("og:description", vector), ("twitter:title", vector[:200]),
        ("twitter:description", vector), ("og:image:alt", vector), ("twitter:image:alt", vector),
        ("article:tag", vector[:100]),
    ]:
        assert meta_content(page, key) == [expected], key


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_photo_captions_credits_and_alt_text_are_shown_as_typed(client, story, vector):
    """Under the story's figure and the related story's thumbnail: "caption (credit)" as text, alt as typed."""
    retitle(story, vector)
    page = client.get(story.get_absolute_url()).content.decode()
    captions = re.findall(r'<figcaption class="(?:figure|thumb)__caption">(.*?)</figcaption>', page, re.S)
    expected = " ".join(f"{vector} {story.lead_photo.credit}".split())
    assert [visible_text(caption) for caption in captions] == [expected, expected]
    alts = [dict(attrs)["alt"] for tag, attrs in parse(page).elements if tag == "img"]
    assert alts == [vector, vector]


@pytest.mark.django_db
def test_a_photographer_named_in_markup_is_credited_as_text(client, story):
    """A credit line built from `<b>Jane</b>` shows the brackets; it never becomes a bold element."""
    Photo.objects.filter(pk=story.lead_photo_id).update(photographer="<b>Jane</b>", caption='"><img src=x onerror=alert(1)>')
    page = client.get(story.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="figure">.*?</figure>', page, re.S).group(0)
    assert [tag for tag, _attrs in parse(figure).elements] == ["figure", "picture", "source", "img", "figcaption", "span"]
    assert visible_text(figure) == '"><img src=x onerror=alert(1)> (Staff photo: <b>Jane</b>)'
    item = next(ET.fromstring(client.get("/feed/rss/").content).iter("item"))
    assert item.find("media:content", NS).findtext("media:credit", namespaces=NS) == "(Staff photo: <b>Jane</b>)"


@pytest.mark.django_db
def test_control_characters_typed_into_a_story_are_saved_as_spaces(editor_client):
    """Word's manual line break (U+000B) and its like, pasted into a headline, standfirst or tags, become spaces;
    tab and line breaks stay (the browser's CR LF kept as one newline, as its box counted it). A tag name typed
    so finds the tag of that name."""
    Tag.objects.create(name="Storm surge")
    response = editor_client.post(reverse("admin:articles_article_add"), story_form(
        SectionFactory(), headline="Storm hits coast\x0bLive updates", standfirst="Winds\x01rise.\r\nTides\x1fto\tfollow.",
        tags="Storm\x0bsurge, Coast",
    ))
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.headline, article.standfirst) == ("Storm hits coast Live updates", "Winds rise.\nTides to\tfollow.")
    assert sorted(article.tags.names()) == ["Coast", "Storm surge"]
    assert Tag.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("headline", "standfirst", "saved"), [
    pytest.param("Storm hits coast\x85Live\x9fupdates", "Winds\x80rise, \x7fstill.",
                 ("Storm hits coast Live updates", "Winds rise,  still."), id="c1-control-characters"),
    pytest.param("Port strike ends\r\nBcc: all@rival.example\uffff", "Talks\ufffeend.\r\nShips\U0010fffesail.",
                 ("Port strike ends Bcc: all@rival.example ", "Talks end.\nShips sail."), id="line-breaks-and-noncharacters"),
])
def test_a_headline_and_standfirst_typed_are_saved_as_plain_text(editor_client, headline, standfirst, saved):
    """U+0080 to U+009F are control characters as C0's are: HTML forbids them, and nobody typing meant them.

    A headline is one line (a forged post's line break made a mention's mail fail, its subject two header
    lines); the standfirst, a text box, keeps its lines. U+FFFE, U+FFFF and the like are no text: XML cannot carry
    them, and every feed listing the story was not well-formed."""
    response = editor_client.post(
        reverse("admin:articles_article_add"), story_form(SectionFactory(), headline=headline, standfirst=standfirst),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.headline, article.standfirst) == saved


@pytest.mark.django_db
def test_control_characters_typed_into_a_photo_or_a_section_are_saved_as_spaces(editor_client):
    photo = PhotoFactory(staff=True)
    response = editor_client.post(reverse("admin:photos_photo_change", args=[photo.pk]), {
        "caption": "Waves\x0bbreak", "alt_text": "A\x0cwave", "credit_type": photo.credit_type, "agency": "",
        "photographer": "Jo\x08Lind", "released_by": "", "taken_on": "",
    })
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text, photo.photographer) == ("Waves break", "A wave", "Jo Lind")
    section = SectionFactory()
    response = editor_client.post(reverse("admin:articles_section_change", args=[section.pk]), {
        "name": "Coast\x0bline", "slug": section.slug, "parent": "", "position": 0, "description": "By\x1fthe sea",
    })
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.name, section.description) == ("Coast line", "By the sea")


@pytest.mark.django_db
def test_the_site_name_and_the_footers_labels_are_saved_without_control_characters(client, mirror_domain):
    """They are on every page: the masthead, the titles, the footer's mirrors and platform links."""
    from domains.models import PlatformLink, SiteSettings

    site = SiteSettings.load()
    site.site_name = "The\x0bHarbour Post"
    site.save()
    PlatformLink.objects.create(site=site, label="TV\x0bapp", url="https://tv.example/")
    mirror_domain.label = "Mirror\x0bone"
    mirror_domain.save()
    assert (SiteSettings.load().site_name, PlatformLink.objects.get().label) == ("The Harbour Post", "TV app")
    mirror_domain.refresh_from_db()
    assert mirror_domain.label == "Mirror one" and b"\x0b" not in client.get("/").content


@pytest.mark.django_db
def test_feeds_and_the_news_sitemap_write_a_stored_control_character_as_a_space(client, story):
    """A row stored before saves turned them into spaces still gives well-formed XML (a control character was a 500)."""
    retitle(story, "Storm\x0bsurge")
    story.authors.add(UserFactory(first_name="Ada\x01", last_name="Lind"))
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        entry = (root.findall("atom:entry", NS) or list(root.iter("item")))[0]
        assert (entry.findtext("title") or entry.findtext("atom:title", namespaces=NS)) == "Storm surge", url
        assert (entry.findtext("description") or entry.findtext("atom:summary", namespaces=NS)) == "Storm surge", url
        categories = [c.text for c in entry.findall("category")] + [c.get("term") for c in entry.findall("atom:category", NS)]
        assert categories == ["Storm surge"], url
        bylines = [c.text for c in entry.findall("dc:creator", NS)] + [a.findtext("atom:name", namespaces=NS) for a in entry.findall("atom:author", NS)]
        assert "Ada  Lind" in bylines, url
        media = entry.find("media:content", NS)
        assert media.findtext("media:description", namespaces=NS) == "Storm surge", url
        assert media.findtext("media:credit", namespaces=NS) == "(Staff photo: Storm surge)", url
    news = ET.fromstring(client.get("/sitemap-news.xml").content)
    assert [title.text for title in news.iterfind(".//news:title", NS)] == ["Storm surge"]


def limited_boxes(request):
    """Every text box on the desk with a length limit: (form, field name)."""
    from desk.admin.article import ArticlePhotoInline, CorrectionInline
    from desk.forms import ArticleAdminForm, DeskActionForm
    from django.contrib import admin
    from live.admin import ScheduledUpdatePhotoInline
    from live.forms import ScheduledUpdateForm
    from live.models import ScheduledUpdate
    from notes.forms import NoteForm, ReplyForm
    from photos.forms import PhotoAdminForm

    from articles.models import Article

    correction_form = CorrectionInline(Article, admin.site).get_formset(request).form
    photo_use_form = ArticlePhotoInline(Article, admin.site).get_formset(request).form
    update_photo_form = ScheduledUpdatePhotoInline(ScheduledUpdate, admin.site).get_formset(request).form
    return [
        (ArticleAdminForm, "standfirst"), (ArticleAdminForm, "desk_note"), (DeskActionForm, "note"),
        (ScheduledUpdateForm, "standfirst"), (PhotoAdminForm, "caption"), (correction_form, "text"),
        (NoteForm, "text"), (ReplyForm, "text"), (photo_use_form, "caption"), (update_photo_form, "caption"),
    ]


@pytest.mark.django_db
def test_every_limited_text_box_counts_a_line_break_once_as_its_maxlength_does(rf, admin_user):
    """The browser's maxlength counts a line break as one character and sends CR LF: the server counted it
    twice, and refused text the box had taken (a 600-character standfirst in two paragraphs)."""
    request = rf.get("/")
    request.user = admin_user
    for form, name in limited_boxes(request):
        field = form.base_fields[name]
        typed = ("x" * 99 + "\n") * (field.max_length // 100)
        assert field.clean(typed.replace("\n", "\r\n")) == typed.strip(), (form.__name__, name)
