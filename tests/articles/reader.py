"""Helpers for the reader-surface tests: parse feeds, sitemaps and page metadata instead of matching strings."""
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "media": "http://search.yahoo.com/mrss/",
}


def get_xml(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return ET.fromstring(response.content)


def rss_items(client, url, **extra):
    """Return each RSS <item> as a dict of its parsed fields."""
    root = get_xml(client, url, **extra)
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "description": item.findtext("description"),
            "pubDate": item.findtext("pubDate"),
            "guid": item.findtext("guid"),
            "creators": [element.text for element in item.findall("dc:creator", NS)],
            "categories": [element.text for element in item.findall("category")],
        }
        for item in root.iter("item")
    ]


def atom_entries(client, url, **extra):
    root = get_xml(client, url, **extra)
    return [
        {
            "title": entry.findtext("atom:title", namespaces=NS),
            "link": entry.find("atom:link", NS).get("href"),
            "summary": entry.findtext("atom:summary", namespaces=NS),
            "published": entry.findtext("atom:published", namespaces=NS),
            "updated": entry.findtext("atom:updated", namespaces=NS),
            "authors": [element.text for element in entry.findall("atom:author/atom:name", NS)],
            "categories": [element.get("term") for element in entry.findall("atom:category", NS)],
        }
        for entry in root.findall("atom:entry", NS)
    ]


def feed_links(client, url, **extra) -> list[str]:
    """Return the story links of an RSS or Atom feed."""
    root = get_xml(client, url, **extra)
    if root.tag == f"{{{NS['atom']}}}feed":
        return [entry.find("atom:link", NS).get("href") for entry in root.findall("atom:entry", NS)]
    return [item.findtext("link") for item in root.iter("item")]


def sitemap_index(client, **extra) -> list[str]:
    return [loc.text for loc in get_xml(client, "/sitemap.xml", **extra).findall("sm:sitemap/sm:loc", NS)]


def sitemap_index_lastmods(client, **extra) -> dict[str, str]:
    return {
        sitemap.findtext("sm:loc", namespaces=NS): sitemap.findtext("sm:lastmod", namespaces=NS)
        for sitemap in get_xml(client, "/sitemap.xml", **extra).findall("sm:sitemap", NS)
    }


def sitemap_urls(client, url, **extra) -> list[dict]:
    root = get_xml(client, url, **extra)
    return [
        {
            "loc": element.findtext("sm:loc", namespaces=NS),
            "lastmod": element.findtext("sm:lastmod", namespaces=NS),
            "news": element.find("news:news", NS),
        }
        for element in root.findall("sm:url", NS)
    ]


def all_sitemap_locations(client) -> list[str]:
    """Follow the index and return every URL any sitemap lists."""
    locations = []
    for sitemap in sitemap_index(client):
        path = sitemap.split("://", 1)[1].split("/", 1)[1]
        locations += [url["loc"] for url in sitemap_urls(client, f"/{path}")]
    return locations


class HeadParser(HTMLParser):
    """Collect <meta>, <link rel=alternate> and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.alternates, self.json_ld = [], [], []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.alternates.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def parse_head(html: str) -> HeadParser:
    parser = HeadParser()
    parser.feed(html)
    return parser


def json_ld(html: str) -> dict:
    """Return the page's JSON-LD objects keyed by @type."""
    return {data["@type"]: data for data in (json.loads(text) for text in parse_head(html).json_ld)}


def meta_content(html: str, key: str) -> list[str]:
    return [meta["content"] for meta in parse_head(html).meta if key in (meta.get("property"), meta.get("name"))]


class TextParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pieces = []

    def handle_data(self, data):
        self.pieces.append(data)


def visible_text(html: str) -> str:
    """Return the text of an HTML fragment as a reader sees it, whitespace collapsed."""
    parser = TextParser()
    parser.feed(html)
    return " ".join("".join(parser.pieces).split())
