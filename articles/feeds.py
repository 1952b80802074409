"""RSS 2.0 and Atom feeds of the whole site, each section (subsections included) and each tag.

Each feed lists the newest FEED_ITEMS published stories with headline, standfirst, bylines,
publication and update times and tags, in four queries however many stories there are. A story's lead
photo travels as an enclosure (RSS <enclosure>, Atom <link rel="enclosure">) and as Media RSS
<media:content> with its caption and credit line (photos/sharing.py chooses the rendition).
Text goes out as plain text (security/plain_text.py): a control character stored before saves
removed them would make Django's XML writer fail, and the feed a 500.
"""
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from domains.absolute_urls import absolute_url, canonical_url
from domains.cache import domain_table
from photos.sharing import SHARED_TYPE, shared_image

from security.plain_text import plain_text
from serving.tags import add as add_tags

from .caching import card_tags
from .models import Article, Section
from .views import find_tag, moved_section, no_story_carries

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
MEDIA_RSS = "http://search.yahoo.com/mrss/"


def add_media_content(handler, image):
    """Write the lead photo as Media RSS: the picture, its caption and its credit, as plain text."""
    if image is None:
        return
    handler.startElement("media:content", {
        "url": image["url"], "type": SHARED_TYPE, "medium": "image",
        "width": str(image["width"]), "height": str(image["height"]),
    })
    if image["caption"]:
        handler.addQuickElement("media:description", image["caption"], {"type": "plain"})
    if image["credit"]:
        handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


def description_html(text: str) -> str:
    """Return plain `text` as a feed item's description, which RSS and Atom (type="html") read as HTML."""
    return escape(plain_text(text))


class SteadyDate:
    """A feed is dated at its newest item's date, or at the moment a story last left the site if that is later
    (`left_at`: withdrawn, expired, deleted), so a feed whose newest story leaves moves forward, not back to the story
    before, which readers holding the newer date took as unchanged. A feed with neither (a new section's) is dated
    at the epoch: Django dates it now, so the date, and the ETag, were new at every render of an unchanged feed
    and no poll ever got a 304."""

    def latest_post_date(self):
        dates = [super().latest_post_date()] if self.items else []
        return max(filter(None, [*dates, self.feed.get("left_at")]), default=datetime(1970, 1, 1, tzinfo=UTC))


class SteadyRssFeed(SteadyDate, Rss201rev2Feed):
    pass


class BylinesRssFeed(SteadyRssFeed):
    """RSS 2.0 with one <dc:creator> per byline (RSS's own <author> wants an e-mail address) and Media RSS."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE, "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["bylines"]:
            handler.addQuickElement("dc:creator", name)
        add_media_content(handler, item["image"])


class BylinesAtomFeed(SteadyDate, Atom1Feed):
    """Atom with one <author> per byline, and Media RSS for the lead photo."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["bylines"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        add_media_content(handler, item["image"])


@dataclass
class Channel:
    """What one feed is about. Feed instances are shared between requests, so the request travels here."""

    request: HttpRequest
    title: str
    description: str
    page_path: str
    articles: QuerySet


class SafeFeed(Feed):
    """A feed answers GET and HEAD, as every reader page does: Django's answered TRACE and OPTIONS with the whole
    document (and its Last-Modified, which the page cache takes off GET and HEAD only)."""

    @method_decorator(require_safe)
    def __call__(self, request, *args, **kwargs):
        return super().__call__(request, *args, **kwargs)


class SiteFeed(SafeFeed):
    feed_type = BylinesRssFeed

    def get_object(self, request, *args, **kwargs):
        return Channel(
            request=request,
            title=domain_table().site_name,
            description=_("The latest stories from %(site)s.") % {"site": domain_table().site_name},
            page_path=reverse("articles:home"),
            articles=Article.objects.published(),
        )

    def title(self, channel):
        return plain_text(channel.title)

    def description(self, channel):
        return plain_text(channel.description)

    def subtitle(self, channel):  # Atom's name for the description
        return self.description(channel)

    def author_name(self, channel):
        # Atom (RFC 4287, 4.1.2) wants an author on every entry, or on its feed: a story without a byline
        # (agency copy, a staff report) has the site's. RSS writes no feed-level author.
        return plain_text(domain_table().site_name)

    def feed_extra_kwargs(self, channel):
        return {"left_at": Article.objects.latest_left_at()}  # the feed's date (SteadyDate)

    def link(self, channel):
        return absolute_url(channel.request, channel.page_path)

    def feed_url(self, channel):
        return absolute_url(channel.request, channel.request.path)

    def feed_guid(self, channel):
        # Atom's feed id, on the primary whichever mirror the feed is read on, as its entries' ids (RFC 4287 4.2.6):
        # Django's default is the link, on the reader's domain, so the same feed had one id per mirror.
        return canonical_url(channel.page_path, request=channel.request)

    def items(self, channel):
        articles = list(
            channel.articles.for_listing().with_modified_at().with_bylines().prefetch_related("tags")[: settings.FEED_ITEMS]
        )
        add_tags(channel.request, "feeds", *(tag for article in articles for tag in card_tags(article)))
        add_tags(channel.request, *(f"author-{author.pk}" for article in articles for author in article.authors.all()),
                 *(f"tag-{tag.pk}" for article in articles for tag in article.tags.all()))  # the items' categories
        for article in articles:
            article.feed_link = absolute_url(channel.request, article.get_absolute_url())
            # The short address stays the same when the headline or slug is edited, and on the primary domain whichever
            # mirror the feed was read on: a stable guid (a reader moved to another mirror gets no story again as new).
            article.feed_guid = canonical_url(reverse("articles:detail-short", kwargs={"pk": article.pk}), request=channel.request)
            article.feed_image = self.image(channel.request, article)
        return articles

    def image(self, request, article) -> dict | None:
        """Describe the lead photo for the feed (no query: for_listing() fetched the photo and its agency).

        RSS requires an enclosure's length in bytes, so the rendition is drawn now if no reader asked for
        it yet; it is kept in storage, and later feeds only read its size.
        """
        image = shared_image(article.lead_photo)
        length = image.byte_size() if image else None
        if length is None:  # no lead photo, or its original is missing from storage (the rendition would 404)
            return None
        return {
            "url": absolute_url(request, image.path),  # on the reader's domain, like the item's link
            "length": length,
            "width": image.width,
            "height": image.height,
            "caption": plain_text(image.caption),
            "credit": plain_text(image.credit),
        }

    def item_title(self, item):
        return plain_text(item.headline)  # the feed generator escapes it for XML

    def item_description(self, item):
        return description_html(item.standfirst)

    def item_link(self, item):
        return item.feed_link

    def item_guid(self, item):
        return item.feed_guid

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_categories(self, item):
        return [plain_text(tag.name) for tag in item.tags.all()]

    def item_enclosures(self, item):
        image = item.feed_image
        return [Enclosure(image["url"], str(image["length"]), SHARED_TYPE)] if image else []

    def item_extra_kwargs(self, item):
        return {"bylines": [plain_text(name) for name in item.byline_names], "image": item.feed_image}


class SiteAtomFeed(SiteFeed):
    feed_type = BylinesAtomFeed


class SectionFeed(SiteFeed):
    @method_decorator(require_safe)
    def __call__(self, request, *args, **kwargs):
        # A subscription to the section's feed under a slug it had follows it to its new address.
        return moved_section(request, kwargs["slug"], request.resolver_match.view_name) or super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug):
        sections = Section.objects.tree_for(request)
        section = next((s for s in sections.values() if s.slug == slug), None)
        if section is None:
            raise Http404("No such section.")
        add_tags(request, *(f"section-{s.pk}" for s in section.ancestry(sections)))
        return Channel(
            request=request,
            title=f"{section.name} · {domain_table().site_name}",
            description=section.description or _("The latest %(section)s stories from %(site)s.") % {
                "section": section.name, "site": domain_table().site_name},
            page_path=section.get_absolute_url(),
            articles=Article.objects.published().filter(section_id__in=section.descendant_ids(sections)),
        )


class SectionAtomFeed(SectionFeed):
    feed_type = BylinesAtomFeed


class TagFeed(SiteFeed):
    def get_object(self, request, slug):
        tag = find_tag(request, slug)
        articles = Article.objects.published().with_tag(tag)
        if not articles.exists():
            raise no_story_carries(request)  # as the tag page's
        add_tags(request, f"tag-{tag.pk}")
        return Channel(
            request=request,
            title=f"{tag.name} · {domain_table().site_name}",
            description=_("Stories about %(tag)s from %(site)s.") % {"tag": tag.name, "site": domain_table().site_name},
            page_path=reverse("articles:tag", kwargs={"slug": tag.slug}),
            articles=articles,
        )


class TagAtomFeed(TagFeed):
    feed_type = BylinesAtomFeed
