"""Sharing metadata for a story page: OpenGraph and Twitter card tags, and JSON-LD for search engines.

Everything is built here as plain data; templates only print it (`includes/sharing_meta.html`,
the `json_ld` filter, which escapes what could close the <script> element).
"""
import locale
import re
from datetime import UTC, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import to_locale

from domains.absolute_urls import canonical_url
from domains.cache import domain_table
from photos.sharing import SHARED_TYPE, image_creator, shared_image


def iso(moment) -> str:
    """A moment as machines read it (`<time datetime>`, JSON-LD, OpenGraph, sitemaps): the newsroom's time with
    its offset, to the second (HTML allows three digits of a second at most; Django's "O" leaves the offset out
    in the hour a clock change repeats). An offset with seconds (Amsterdam's +00:19:32 until 1937, local mean
    time almost everywhere before about 1900) has no form in ISO 8601, HTML or W3C datetimes: UTC then."""
    local = timezone.localtime(moment).replace(microsecond=0)
    if local.utcoffset() % timedelta(minutes=1):
        local = local.astimezone(UTC)
    return local.isoformat()


def regional_language() -> str:
    """LANGUAGE_CODE, but Chinese by region: Django names it by script (zh-hans, zh-hant), while Google News
    reads zh-cn and zh-tw, and OpenGraph zh_CN and zh_TW."""
    code = settings.LANGUAGE_CODE.lower()
    return {"zh-hans": "zh-cn", "zh-hant": "zh-tw"}.get(code, code)


# Locales where Facebook's list (OpenGraph's readers) differs from Python's table: Arabic has no one territory.
OPEN_GRAPH_NAMES = {"ar_AA": "ar_AR"}
LANGUAGE_TERRITORY = re.compile(r"[a-z]{2,3}_[A-Z]{2}")


def open_graph_locale() -> str | None:
    """og:locale, as OpenGraph names it: language_TERRITORY (de_DE, en_GB, zh_CN). A bare language takes the
    territory Python's locale table gives it (`locale.normalize`: de → de_DE); one it does not know gets no tag."""
    code = to_locale(regional_language())
    if not LANGUAGE_TERRITORY.fullmatch(code):
        code = locale.normalize(code).split(".")[0].split("@")[0]
    code = OPEN_GRAPH_NAMES.get(code, code)
    return code if LANGUAGE_TERRITORY.fullmatch(code) else None


def image_url(request, image) -> str:
    # Shared pictures are named on the primary domain, like og:url and the JSON-LD page address.
    return canonical_url(image.path, request=request)


def image_tags(request, image) -> list[tuple[str, str, str]]:
    """Return og:image and twitter:image tags for the lead photo: a large card, with its alt text."""
    if image is None:
        return [("name", "twitter:card", "summary")]
    url = image_url(request, image)
    return [
        ("property", "og:image", url),
        ("property", "og:image:type", SHARED_TYPE),
        ("property", "og:image:width", str(image.width)),
        ("property", "og:image:height", str(image.height)),
        ("property", "og:image:alt", image.alt_text),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:image", url),
        ("name", "twitter:image:alt", image.alt_text),
    ]


def meta_tags(request, article, tag_names: list[str]) -> list[dict]:
    """Return the <meta> tags as {"attribute", "name", "content"}: og:* use `property`, twitter:* `name`.

    og:url is not here: base.html writes it with the canonical link on every page (domains app).
    """
    description = article.standfirst or article.headline
    image = shared_image(article.lead_photo)
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", domain_table().site_name),
        ("property", "og:title", article.headline),
        ("property", "og:description", description),
        *((("property", "og:locale", found),) if (found := open_graph_locale()) else ()),
        ("property", "article:published_time", iso(article.publish_at)),
        ("property", "article:modified_time", iso(article.modified_at)),
        ("property", "article:section", article.section.name),
        *(("property", "article:tag", name) for name in tag_names),
        *image_tags(request, image),
        ("name", "twitter:title", article.headline),
        ("name", "twitter:description", description),
    ]
    return [{"attribute": attribute, "name": name, "content": content} for attribute, name, content in tags]


def publisher(request) -> dict:
    return {"@type": "Organization", "name": domain_table().site_name, "url": canonical_url(reverse("articles:home"), request=request)}


def image_ld(request, image) -> dict:
    """Return schema.org ImageObject data for the lead photo; creditText is the credit line readers see."""
    data = {
        "@type": "ImageObject",
        "url": image_url(request, image),
        "contentUrl": image_url(request, image),
        "encodingFormat": SHARED_TYPE,
        "width": image.width,
        "height": image.height,
        "caption": image.caption,
        "creditText": image.credit,
    }
    creator = image_creator(image.photo)
    if creator:
        data["creator"] = creator
    return data


def news_article_ld(request, article, tag_names: list[str]) -> dict:
    """Return schema.org NewsArticle data for the story (dateModified follows corrections)."""
    names = article.byline_names
    image = shared_image(article.lead_photo)
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": iso(article.publish_at),
        "dateModified": iso(article.modified_at),
        "author": [{"@type": "Person", "name": name} for name in names] or [publisher(request)],
        "publisher": publisher(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical_url(article.get_absolute_url(), request=request)},
        "articleSection": article.section.name,
        "keywords": tag_names,
        "inLanguage": settings.LANGUAGE_CODE,
        **({"image": image_ld(request, image)} if image else {}),
    }


def breadcrumb_ld(request, trail: list[tuple[str, str]]) -> dict:
    """Return schema.org BreadcrumbList data mirroring the trail shown above the headline."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": canonical_url(url, request=request)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def sharing_metadata(request, article, trail) -> dict:
    """Return the context an article page needs for its sharing tags and structured data."""
    tag_names = [tag.name for tag in article.ordered_tags]
    return {
        "meta_tags": meta_tags(request, article, tag_names),
        "json_ld": [news_article_ld(request, article, tag_names), breadcrumb_ld(request, trail)],
    }
