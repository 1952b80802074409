"""Sharing metadata on story pages: OpenGraph, Twitter cards and JSON-LD, parsed rather than matched."""
import re
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from tests.articles.reader import json_ld, meta_content
from tests.factories import ArticleFactory, CorrectionFactory, PhotoFactory, SectionFactory, UserFactory, image_file

PUBLISHED_AT = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.fixture
def story(db, time_machine):
    time_machine.move_to(PUBLISHED_AT + timedelta(minutes=30), tick=False)
    news = SectionFactory(slug="news", name="News")
    article = ArticleFactory(
        status=Article.Status.PUBLISHED, publish_at=PUBLISHED_AT,
        section=SectionFactory(slug="politics", name="Politics", parent=news),
        headline="Talks resume", standfirst="Envoys met again.",
        authors=[UserFactory(first_name="Ada", last_name="Ekwueme")],
    )
    for tag in ["Syria", "Turkey"]:
        article.tags.add(tag)
    return article


def page(client, article, **extra):
    response = client.get(article.get_absolute_url(), **extra)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_news_article_json_ld_describes_the_story(client, story):
    data = json_ld(page(client, story))["NewsArticle"]
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Talks resume"
    assert datetime.fromisoformat(data["datePublished"]) == PUBLISHED_AT
    assert datetime.fromisoformat(data["dateModified"]) == story.updated_at
    assert data["author"] == [{"@type": "Person", "name": "Ada Ekwueme"}]
    assert data["publisher"] == {"@type": "Organization", "name": "The Newsroom", "url": "http://testserver/"}
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"http://testserver{story.get_absolute_url()}"}
    assert data["keywords"] == ["Syria", "Turkey"]


@pytest.mark.django_db
def test_date_modified_follows_the_latest_correction(client, story, time_machine):
    time_machine.move_to(PUBLISHED_AT + timedelta(hours=3), tick=False)
    correction = CorrectionFactory(article=story)
    content = page(client, story)
    assert datetime.fromisoformat(json_ld(content)["NewsArticle"]["dateModified"]) == correction.created_at
    assert meta_content(content, "article:modified_time") == [correction.created_at.isoformat()]


@pytest.mark.django_db
def test_breadcrumb_list_mirrors_the_trail(client, story):
    items = json_ld(page(client, story))["BreadcrumbList"]["itemListElement"]
    assert [(item["position"], item["name"], item["item"]) for item in items] == [
        (1, "News", "http://testserver/section/news/"),
        (2, "Politics", "http://testserver/section/politics/"),
        (3, "Syria", "http://testserver/tag/syria/"),
        (4, "Turkey", "http://testserver/tag/turkey/"),
    ]


@pytest.mark.django_db
def test_a_headline_cannot_break_out_of_the_json_ld_script(client, story):
    """`</script>` and friends in a headline stay inside the JSON: the page has exactly our scripts."""
    story.headline = '</script><script>alert("x")</script> & <!-- more'
    story.save()
    content = page(client, story)
    assert "<script>alert" not in content
    assert content.count("<script") == 2
    assert json_ld(content)["NewsArticle"]["headline"] == story.headline


@pytest.mark.django_db
def test_opengraph_and_twitter_tags(client, story):
    content = page(client, story)
    assert meta_content(content, "og:type") == ["article"]
    assert meta_content(content, "og:title") == ["Talks resume"]
    assert meta_content(content, "og:description") == ["Envoys met again."]
    assert meta_content(content, "og:url") == [f"http://testserver{story.get_absolute_url()}"]
    assert meta_content(content, "og:site_name") == ["The Newsroom"]
    assert meta_content(content, "og:locale") == ["en_GB"]
    assert meta_content(content, "article:tag") == ["Syria", "Turkey"]
    assert meta_content(content, "article:section") == ["Politics"]
    assert meta_content(content, "twitter:card") == ["summary"]
    assert meta_content(content, "twitter:title") == ["Talks resume"]


@pytest.mark.django_db
def test_metadata_urls_name_the_host_the_request_came_on(client, settings, story, mirror_domain):
    """On a mirror, og:url and the JSON-LD name the primary domain, the canonical address."""
    content = page(client, story, HTTP_HOST="mirror.example")
    assert meta_content(content, "og:url") == [f"http://newsroom.example{story.get_absolute_url()}"]
    data = json_ld(content)
    assert data["NewsArticle"]["mainEntityOfPage"]["@id"] == f"http://newsroom.example{story.get_absolute_url()}"
    assert data["NewsArticle"]["publisher"]["url"] == "http://newsroom.example/"
    assert all(item["item"].startswith("http://newsroom.example/") for item in data["BreadcrumbList"]["itemListElement"])


@pytest.fixture
def photographed(story):
    story.lead_photo = PhotoFactory(
        image=image_file(size=(1600, 1000)), caption="Envoys arrive in Selvanik.",
        alt_text="Two envoys shake hands in front of flags.", staff=True, photographer="Jane Doe",
    )
    story.save()
    return story


@pytest.mark.django_db
def test_news_article_json_ld_has_the_lead_photo_as_image_object(client, photographed):
    """The 1200-pixel JPEG on the canonical domain, its size, caption, credit line and photographer."""
    photo = photographed.lead_photo
    image = json_ld(page(client, photographed))["NewsArticle"]["image"]
    url = f"http://testserver/photos/{photo.pk}/1200.jpg?v={photo.version}"
    assert image == {
        "@type": "ImageObject", "url": url, "contentUrl": url, "encodingFormat": "image/jpeg",
        "width": 1200, "height": 750, "caption": "Envoys arrive in Selvanik.",
        "creditText": "(Staff photo: Jane Doe)", "creator": {"@type": "Person", "name": "Jane Doe"},
    }
    assert image["creditText"] == photo.credit


@pytest.mark.django_db
@pytest.mark.parametrize(("traits", "creator"), [
    ({}, {"@type": "Organization", "name": "Agence France-Presse"}),
    ({"handout": True}, {"@type": "Organization", "name": "Turkish Defence Ministry"}),
    # Found in a review: a photographer left on a handout, whose "(Via AFP)" leaves them out, was its creator.
    ({"handout": True, "photographer": "Somebody"}, {"@type": "Organization", "name": "Turkish Defence Ministry"}),
])
def test_image_creator_is_the_agency_or_whoever_released_a_handout(client, story, traits, creator):
    story.lead_photo = PhotoFactory(image=image_file(size=(300, 200)), **traits)
    story.save()
    image = json_ld(page(client, story))["NewsArticle"]["image"]
    assert image["creator"] == creator
    assert (image["width"], image["height"], image["creditText"]) == (300, 200, story.lead_photo.credit)


@pytest.mark.django_db
def test_story_without_a_lead_photo_has_no_image_and_a_small_card(client, story):
    content = page(client, story)
    assert "image" not in json_ld(content)["NewsArticle"]
    assert meta_content(content, "og:image") == [] and meta_content(content, "twitter:image") == []
    assert meta_content(content, "twitter:card") == ["summary"]


@pytest.mark.django_db
def test_opengraph_and_twitter_image_tags_describe_the_lead_photo(client, photographed):
    photo = photographed.lead_photo
    content = page(client, photographed)
    url = f"http://testserver/photos/{photo.pk}/1200.jpg?v={photo.version}"
    assert meta_content(content, "og:image") == [url]
    assert meta_content(content, "og:image:type") == ["image/jpeg"]
    assert (meta_content(content, "og:image:width"), meta_content(content, "og:image:height")) == (["1200"], ["750"])
    assert meta_content(content, "og:image:alt") == ["Two envoys shake hands in front of flags."]
    assert meta_content(content, "twitter:card") == ["summary_large_image"]
    assert meta_content(content, "twitter:image") == [url]
    assert meta_content(content, "twitter:image:alt") == ["Two envoys shake hands in front of flags."]
    assert client.get(url.removeprefix("http://testserver"))["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_shared_image_is_named_on_the_primary_domain_from_a_mirror(client, photographed, mirror_domain):
    content = page(client, photographed, HTTP_HOST="mirror.example")
    [url] = meta_content(content, "og:image")
    assert url.startswith(f"http://newsroom.example/photos/{photographed.lead_photo.pk}/1200.jpg?v=")
    assert json_ld(content)["NewsArticle"]["image"]["url"] == url


@pytest.mark.django_db
def test_an_archive_storys_times_have_offsets_of_hours_and_minutes_only(client, settings):
    """Amsterdam kept +00:19:32 (+01:19:32 in summer) until 1937, and most zones their local mean time before
    about 1900–1920: such an offset has no form in HTML's <time datetime>, W3C datetimes (sitemaps) or ISO 8601
    (JSON-LD, OpenGraph). A story imported from 1920 says its times in UTC instead."""
    settings.TIME_ZONE = "Europe/Amsterdam"
    story = ArticleFactory(published=True, publish_at=datetime(1920, 5, 1, 12, 0, tzinfo=UTC), section=SectionFactory(slug="archive"))
    Article.objects.filter(pk=story.pk).update(updated_at=datetime(1920, 5, 1, 12, 0, tzinfo=UTC))
    for url in [story.get_absolute_url(), "/sitemap-section-archive.xml", "/sitemap.xml"]:
        content = client.get(url).content.decode()
        offsets = re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?([+-]\d\d:\d\d(?::\d\d)?|Z)", content)
        assert offsets and set(offsets) == {"+00:00"}, (url, offsets)
    assert '<time datetime="1920-05-01T12:00:00+00:00">' in client.get(story.get_absolute_url()).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "locale"), [
    ("en-gb", "en_GB"), ("zh-hans", "zh_CN"), ("zh-hant", "zh_TW"), ("pt-br", "pt_BR"),
    ("de", "de_DE"), ("fr", "fr_FR"), ("he", "he_IL"), ("ar", "ar_AR"), ("tr", "tr_TR"),
])
def test_og_locale_is_language_and_territory(client, story, settings, code, locale):
    """OpenGraph reads language_TERRITORY: a bare "de" is not one of its locales (Chinese by region, not script)."""
    settings.LANGUAGE_CODE = code
    assert meta_content(page(client, story), "og:locale") == [locale]


@pytest.mark.django_db
def test_og_locale_is_left_out_for_a_language_without_a_known_territory(client, story, settings):
    settings.LANGUAGE_CODE = "sw"
    assert meta_content(page(client, story), "og:locale") == []
