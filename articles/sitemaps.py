"""Sitemaps for search engines, and robots.txt pointing at them.

`/sitemap.xml` is an index of: the site's pages (home and sections), one sitemap per section with a
published story (its own stories; a subsection has its own), and the Google News sitemap of the
stories published in the last 48 hours. URLs name the host the request came on, so a mirror's
sitemaps list the mirror's addresses.
"""
from datetime import timedelta

from csp.decorators import csp_update
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Count, Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from domains.absolute_urls import absolute_url, served_host
from domains.cache import domain_table
from serving.pagecache import page_cache_query
from serving.tags import add as add_tags, changes_at

from .caching import SECTIONS_TAG
from .metadata import regional_language
from .models import Article, Section
from .models.queries import latest_of
from .views import refuse_other_page_spellings

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 stories from one news sitemap


class ArticleSitemap(Sitemap):
    """The published stories of one section, newest first, with their last change as lastmod."""

    def __init__(self, section_id, *, count=None, latest=None):
        # `count` and `latest`: the section's number of stories and lastmod, when the index read every section's at
        # once (site_sitemaps); otherwise each costs a query of its own.
        self.section_id, self.count, self.latest = section_id, count, latest

    def items(self):
        return Article.objects.published().filter(section_id=self.section_id).with_modified_at().order_by("-publish_at", "-pk")

    def lastmod(self, article):
        return article.modified_at

    @property
    def paginator(self):
        pages = super().paginator
        if self.count is not None:
            pages.count = self.count  # the index names each section's pages without counting them again
        return pages

    def get_latest_lastmod(self):
        # One aggregate query rather than loading every story for the index's lastmod: the same moments as
        # `modified_at` (a live story's newest entry included), so the index agrees with the sitemaps; or the
        # moment a story left the site, if later (withdrawn, expired): it went back to the story before, and
        # crawlers holding the newer date never came back to see the story gone.
        return self.latest or self.items().latest_modified_at(left=True)


class NewsSitemap(ArticleSitemap):
    """Stories published in the last 48 hours, for Google News (rendered by sitemaps/news.xml)."""

    limit = NEWS_LIMIT

    def __init__(self):
        super().__init__(section_id=None)

    def items(self):
        return (
            Article.objects.published()
            .filter(publish_at__gte=timezone.now() - NEWS_WINDOW)
            .with_modified_at()
            .order_by("-publish_at", "-pk")
        )


class PageSitemap(Sitemap):
    """The front page and every section page."""

    def items(self):
        return [reverse("articles:home"), *(section.get_absolute_url() for section in Section.objects.all())]

    def location(self, path):
        return path


def site_sitemaps(*, for_index=False) -> dict:
    """Return the sitemaps of the index, keyed by the name in their URL (/sitemap-<key>.xml). For the index, every
    section's count of stories and lastmod in one grouped query: two queries a section before."""
    stories = Article.objects.published()
    found = {}
    if for_index:
        found = {row.pop("section_id"): row for row in stories.with_modified_at().order_by().values("section_id").annotate(
            count=Count("pk"), latest=latest_of(Max("last_changed_at"), *stories.left_site_at()))}
    with_stories = Section.objects.filter(pk__in=found if for_index else stories.values("section_id")).order_by("slug")
    return {
        "pages": PageSitemap(),
        "news": NewsSitemap(),
        **{f"section-{section.slug}": ArticleSitemap(section.pk, **found.get(section.pk, {})) for section in with_stories},
    }


def news_language() -> str:
    """Return the publication language as Google News wants it: ISO 639 ("en"), except zh-cn and zh-tw."""
    code = regional_language()
    return code if code in ("zh-cn", "zh-tw") else code.split("-")[0]


def on_stored_hostname(request):
    """Make Django's sitemap views, which read the host from `request.get_host()`, use the Domain row's
    stored host name: the raw Host header's case, trailing dot or port never reach a sitemap."""
    request.META["HTTP_HOST"] = served_host(request)
    return request


# People open the sitemaps in a browser too: Chromium's XML viewer styles its tree with inline style. The XML is
# our own escaped data, and scripts stay refused.
XML_VIEWER_CSP = {"style-src": ["'unsafe-inline'"]}


@require_safe  # as every reader page: TRACE and OPTIONS got the whole document, Last-Modified and all
@csp_update(XML_VIEWER_CSP)
def index(request):
    # `sitemaps`: purged by every publication, withdrawal and public edit (lastmod); the sections' tag: the index
    # names each section's sitemap by its slug, and a subsection's change purges no page of the site.
    add_tags(request, "sitemaps", SECTIONS_TAG)
    request = on_stored_hostname(request)
    return sitemap_views.index(
        request, sitemaps=site_sitemaps(for_index=True), sitemap_url_name="articles:sitemap-section",
        template_name="sitemaps/index.xml",
    )


@require_safe
@csp_update(XML_VIEWER_CSP)
@page_cache_query("p")  # Django's sitemap view pages with ?p= (the index reads nothing)
def section(request, section):
    refuse_other_page_spellings(request, "p")
    add_tags(request, "sitemaps", SECTIONS_TAG)  # the pages sitemap lists every section, and a name may come to be one
    request = on_stored_hostname(request)
    if section == "news":
        response = sitemap_views.sitemap(
            request, sitemaps={"news": NewsSitemap()}, section="news", template_name="sitemaps/news.xml",
        )
        response.context_data.update(publication_name=domain_table().site_name, publication_language=news_language())
        # Its oldest story leaves the window at a moment no save marks.
        oldest = min((url["item"].publish_at for url in response.context_data["urlset"]), default=None)
        if oldest:
            changes_at(request, oldest + NEWS_WINDOW)
        return response
    # The sitemap view answers 404 for a name not in the index (a section without published stories).
    # lastmod with the time of day, not only the date: stories change several times a day.
    return sitemap_views.sitemap(request, sitemaps=site_sitemaps(), section=section, template_name="sitemaps/sitemap.xml")


@require_safe  # HEAD too, as from a cached copy: crawlers and uptime checks probe robots.txt with it
def robots_txt(request):
    add_tags(request, "sitemaps")  # it names the sitemaps, on the reader's domain (the `site` tag)
    lines = [
        "User-agent: *",
        # Not the desk's address: ADMIN_PATH is configurable so scanners don't find it, and it needs a login.
        f"Disallow: {reverse('articles:search')}",
        f"Sitemap: {absolute_url(request, reverse('articles:sitemap'))}",
        f"Sitemap: {absolute_url(request, reverse('articles:sitemap-section', kwargs={'section': 'news'}))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
