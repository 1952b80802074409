import unicodedata

from django.urls import path, register_converter

from . import feeds, search, sitemaps, views


class TagSlugConverter:
    """A tag's slug as taggit writes it: Unicode letters kept ("café", "北京"), "_1" on a clash. Any segment is taken,
    composed (NFC) as slugs are stored: "café" copied from a Mac arrives as an e and an accent, which a pattern of
    letters refused (a 404); a segment that is no tag's slug gets the tag page's 404 (views.find_tag)."""

    regex = r"[^/]+"

    def to_python(self, value):
        return unicodedata.normalize("NFC", value)

    def to_url(self, value):
        return value


class IdConverter:
    """A row's id as links write it: Django's `int` took "01" and "001" too, each one more page-cache key under which
    the same story was rendered anew."""

    regex = "[1-9][0-9]*"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(TagSlugConverter, "tagslug")
register_converter(IdConverter, "id")  # live/urls.py uses it too, importing this module first

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<tagslug:slug>/", views.TagView.as_view(), name="tag"),
    path("story/<id:pk>/", views.ArticleDetailView.as_view(), name="detail-short"),
    path("story/<id:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    # Reader surfaces: feeds, sitemaps, robots.txt and search (README: "Feeds, sitemaps and search").
    path("feed/rss/", feeds.SiteFeed(), name="feed-rss"),
    path("feed/atom/", feeds.SiteAtomFeed(), name="feed-atom"),
    path("section/<slug:slug>/feed/rss/", feeds.SectionFeed(), name="section-feed-rss"),
    path("section/<slug:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section-feed-atom"),
    path("tag/<tagslug:slug>/feed/rss/", feeds.TagFeed(), name="tag-feed-rss"),
    path("tag/<tagslug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-feed-atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),  # browsers and crawlers ask here, whatever the page says
    path("search/", search.SearchView.as_view(), name="search"),
]
