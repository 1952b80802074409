"""Unpublished stories never leak, and neither do the desk's notes and plans: every public URL pattern is
walked, and every link crawled, looking for them.

A draft, a story in review, a scheduled, a withdrawn and an expired story are present, each with its own
headline, slug, standfirst and a tag only it carries. Readers (anonymous, and a journalist who wrote none of
them) walk every URL the URLconf can produce from the objects present, then every same-site link on those
pages, and must never meet any of their words, slugs or addresses; their own URLs are 404. Notes (threads,
replies, quoted passages) and assignments on public and hidden stories alike never appear on any of those pages.

New URL patterns are covered automatically when they take no arguments; a pattern with arguments needs
an entry in URL_BUILDERS (the test fails until it has one). Mirrors join through HOSTS.
"""
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from taggit.models import Tag

from articles.models import Article
from live.models import LiveEntry
from desk.services import preview_link_create, preview_link_revoke
from notes.services import note_add, note_reply
from planning.services import calendar_feed_create, calendar_feed_revoke
from tests.factories import (
    ArticleFactory, AssignmentFactory, LiveCoverageFactory, LiveEntryFactory, PhotoFactory, SectionFactory, UserFactory,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
HIDDEN_KINDS = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "scheduled": {"status": Article.Status.PUBLISHED, "publish_at": NOW + timedelta(hours=2)},
    "withdrawn": {"status": Article.Status.WITHDRAWN, "publish_at": NOW - timedelta(days=2)},
    "expired": {"status": Article.Status.PUBLISHED, "publish_at": NOW - timedelta(days=2),
                "unpublish_at": NOW - timedelta(hours=1)},
}
# Host names the site answers on: a development host standing for the primary, the primary, a mirror
# (the `newsroom` fixture creates their Domain rows).
HOSTS = ["testserver", "newsroom.example", "mirror.example"]
SKIPPED_NAMESPACES = {"admin"}  # the desk is behind a login; its own tests cover who sees what there
MAX_PAGES = 400


@dataclass
class Objects:
    """What URL builders may fill arguments from."""

    articles: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    preview_links: list = field(default_factory=list)
    calendar_feeds: list = field(default_factory=list)
    entries: list = field(default_factory=list)


# URL name -> function(Objects) -> list of kwargs. Add one for every new pattern that takes arguments
# (feeds per section, sitemaps per section, photo renditions, preview links…).
URL_BUILDERS = {
    "articles:section": lambda o: [{"slug": section.slug} for section in o.sections],
    "articles:tag": lambda o: [{"slug": tag.slug} for tag in o.tags],
    "articles:detail": lambda o: [{"pk": a.pk, "slug": a.slug} for a in o.articles],
    "articles:detail-short": lambda o: [{"pk": a.pk} for a in o.articles],
    "articles:section-feed-rss": lambda o: [{"slug": section.slug} for section in o.sections],
    "articles:section-feed-atom": lambda o: [{"slug": section.slug} for section in o.sections],
    "articles:tag-feed-rss": lambda o: [{"slug": tag.slug} for tag in o.tags],
    "articles:tag-feed-atom": lambda o: [{"slug": tag.slug} for tag in o.tags],
    "articles:sitemap-section": lambda o: [
        {"section": "pages"}, {"section": "news"}, *({"section": f"section-{s.slug}"} for s in o.sections),
    ],
    "photos:rendition": lambda o: [
        {"pk": photo.pk, "width": 480, "extension": extension} for photo in o.photos for extension in ("webp", "jpg")
    ],
    **{name: (lambda o: [{"pk": a.pk} for a in o.articles]) for name in ("live:head", "live:entries", "live:edits", "live:older", "live:feed")},
    "live:entry": lambda o: [{"pk": entry.coverage.article_id, "entry_pk": entry.pk} for entry in o.entries],
    # Expired and revoked links (a live one shows its draft to whoever holds it, by design), and a forgery.
    "desk:preview": lambda o: [{"token": link.token} for link in o.preview_links] + [{"token": "forged:token"}],
    # A revoked desk calendar and a forgery (a live one shows its desk's plans to whoever holds it, by design).
    "planning:calendar": lambda o: [{"token": feed.token} for feed in o.calendar_feeds] + [{"token": "forged:token"}],
    "api:story": lambda o: [{"story_id": a.pk} for a in o.articles],
}


def public_patterns(resolver=None, namespace=""):
    """Yield (URL name or None, pattern) for every pattern outside the desk, recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES or pattern.app_name in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from public_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), pattern


def urls_for(objects: Objects) -> list[str]:
    urls = []
    for name, pattern in public_patterns():
        takes_arguments = bool(pattern.pattern.regex.groups)
        if not takes_arguments:
            urls.append(reverse(name) if name else "/" + str(pattern.pattern).lstrip("^").rstrip("$"))
            continue
        assert name in URL_BUILDERS, f"URL pattern {name or pattern.pattern} takes arguments: add it to URL_BUILDERS"
        urls += [reverse(name, kwargs=kwargs) for kwargs in URL_BUILDERS[name](objects)]
    return urls


def links(page: str, base: str) -> list[str]:
    """Same-site links (href/src/action, sitemap <loc>s, URLs in the API's JSON) on `page`, as paths with their query."""
    import re

    found = re.findall(r'(?:href|src|action)="([^"]*)"', page) + re.findall(r"<loc>([^<]*)</loc>", page)
    found += re.findall(r'"(https?://[^"]+)"', page) if page.startswith(("{", "[")) else []
    paths = []
    for link in found:
        parts = urlsplit(urljoin(base, link.replace("&amp;", "&")))
        if parts.netloc not in ("", *HOSTS) or parts.scheme not in ("", "http", "https"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith((f"/{settings.ADMIN_PATH}", f"/{settings.STATIC_URL}")):
            paths.append(path)
    return paths


@pytest.fixture
def newsroom(db, time_machine, mirror_domain):
    """Public stories to list, and one hidden story of each kind, each with words nobody else uses."""
    time_machine.move_to(NOW, tick=False)
    news = SectionFactory(name="News", slug="news")
    politics = SectionFactory(name="Politics", slug="politics", parent=news)
    editor = UserFactory(username="leak-editor", role="Editor")
    public = [
        ArticleFactory(published=True, section=section, headline=f"Public story {n}", slug=f"public-story-{n}",
                       tags=["Elections"], authors=[editor])
        for n, section in enumerate([news, politics, politics])
    ]
    hidden = []
    for kind, fields in HIDDEN_KINDS.items():
        article = ArticleFactory(
            section=politics, headline=f"Quixotic {kind} scoop about Vexlund", slug=f"quixotic-{kind}-scoop",
            standfirst=f"Zanthrope {kind} standfirst.", tags=["Elections", f"Vexlund {kind} affair"],
            authors=[editor], created_by=editor, **fields,
        )
        # Marked live, with an entry: its coverage is as hidden as the story (live/views.py).
        LiveEntryFactory(coverage=LiveCoverageFactory(article=article), body=f"<p>Zanthrope {kind} standfirst.</p>")
        hidden.append(article)
    LiveEntryFactory(coverage=LiveCoverageFactory(article=public[0]), body="<p>A public live entry.</p>")
    hidden_tags = list(Tag.objects.filter(name__startswith="Vexlund"))
    # A photo only hidden stories use, and preview links that no longer work.
    hidden_photo = PhotoFactory(caption="Glimmering Vexlund harbour at dawn.")
    hidden[0].lead_photo = hidden_photo
    hidden[0].save()
    expired = preview_link_create(article=hidden[0], by=editor, hours=1)
    time_machine.move_to(NOW + timedelta(hours=2), tick=False)
    revoked = preview_link_revoke(link=preview_link_create(article=hidden[1], by=editor), by=editor)
    time_machine.move_to(NOW, tick=False)
    expired.expires_at = NOW - timedelta(minutes=1)
    expired.save(update_fields=["expires_at"])
    # Notes and plans on a public and a hidden story, each with words nobody else uses.
    for article in (public[0], hidden[0]):
        note = note_add(article=article, by=editor, text=f"Obsidian note {article.pk} on the casualty figure",
                        field="headline", quote=article.headline.split()[0], blocking=True)
        note_reply(note=note, by=editor, text=f"Obsidian reply {article.pk}")
        AssignmentFactory(story=article, desk=politics, slug=f"marmalade-{article.pk}",
                          working_headline=f"Marmalade budget line {article.pk}")
    revoked_feed = calendar_feed_revoke(feed=calendar_feed_create(desk=politics, by=editor), by=editor)
    return {
        "public": public, "hidden": hidden, "hidden_tags": hidden_tags, "hidden_photo": hidden_photo,
        "dead_links": [expired, revoked], "dead_feeds": [revoked_feed],
        "everything": Objects(
            articles=public + hidden, sections=[news, politics], tags=list(Tag.objects.all()),
            photos=[hidden_photo], preview_links=[expired, revoked], calendar_feeds=[revoked_feed],
            entries=list(LiveEntry.objects.select_related("coverage")),
        ),
    }


def secrets_of(article) -> list[str]:
    tag = article.tags.get(name__startswith="Vexlund")
    secrets = [article.headline, article.slug, article.standfirst, tag.name, tag.slug, f"/story/{article.pk}/"]
    if article.lead_photo_id:
        secrets += [article.lead_photo.caption, f"/photos/{article.lead_photo_id}/"]
    return secrets


@pytest.fixture(params=["anonymous", "journalist"])
def reader(request, db):
    client = Client()
    if request.param == "journalist":  # staff, but wrote none of the hidden stories
        client.force_login(UserFactory(username="leak-journalist", role="Journalist"))
    return client


@pytest.mark.parametrize("host", HOSTS)
def test_no_public_url_mentions_an_unpublished_story(newsroom, reader, host):
    secrets = {secret.lower(): article for article in newsroom["hidden"] for secret in secrets_of(article)}
    secrets |= {secret: article for article in newsroom["public"][:1] + newsroom["hidden"][:1]
                for secret in (f"obsidian note {article.pk}", f"obsidian reply {article.pk}", "obsidian",
                               f"marmalade-{article.pk}", f"marmalade budget line {article.pk}")}
    queue = deque(urls_for(newsroom["everything"]))
    seen, statuses = set(), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = reader.get(url, HTTP_HOST=host)
        statuses[url] = response.status_code
        assert response.status_code in (200, 301, 302, 404), (url, response.status_code)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        text = response.content.decode(errors="replace").lower()
        for secret, article in secrets.items():
            assert secret not in text, f"{url} mentions {secret!r} of the {article.status} story {article.pk}"
        if any(kind in response.get("Content-Type", "") for kind in ("html", "xml", "json")):
            queue.extend(links(response.content.decode(), url))
    # The walk went somewhere: every public story was reached, and pagination or trails were followed.
    for article in newsroom["public"]:
        assert statuses.get(article.get_absolute_url()) == 200
    assert len(seen) >= 20


@pytest.mark.parametrize("host", HOSTS)
def test_unpublished_storys_own_urls_are_404(newsroom, reader, host):
    """Every URL built from a hidden story, a tag only hidden stories carry, a photo only they use or a dead
    preview link is 404 — not a redirect."""
    own = urls_for(Objects(
        articles=newsroom["hidden"], tags=newsroom["hidden_tags"], photos=[newsroom["hidden_photo"]],
        preview_links=newsroom["dead_links"], calendar_feeds=newsroom["dead_feeds"],
    ))
    own = [url for url in own if url.startswith(("/story/", "/tag/", "/photos/", "/preview/", "/planning/", "/live/", "/api/v1/stories/"))]
    # detail, short link, API; tag page and its two feeds; the live coverage's five addresses; two renditions;
    # two dead links and a forged one; a revoked calendar and a forged one
    assert len(own) == 3 * len(HIDDEN_KINDS) + 3 * len(HIDDEN_KINDS) + 5 * len(HIDDEN_KINDS) + 2 + 3 + 2
    for url in own:
        if url.startswith("/photos/") and reader.session.get("_auth_user_id"):
            continue  # desk staff browse the whole photo library on the desk; renditions follow suit
        assert reader.get(url, HTTP_HOST=host).status_code == 404, url


def test_every_public_pattern_can_be_walked(db):
    """Patterns with arguments all have a builder, and the desk is left out."""
    names = {name for name, _pattern in public_patterns()}
    assert {"articles:home", "articles:section", "articles:tag", "articles:detail"} <= names
    assert not any(name and name.startswith("admin:") for name in names)
    urls_for(Objects())  # fails loudly on a pattern with arguments and no builder
