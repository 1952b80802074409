"""A live story's page: the pinned entry and the newest entries in full HTML, its LiveBlogPosting data,
the polling script and the key-events feed link (added to the story's page, articles/extensions.py)."""
import functools
import json
from urllib.parse import urljoin

from django.db.models import Count, Max, OuterRef, Subquery, Window
from django.db.models.functions import Greatest
from django.templatetags.static import static
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext, trans_real

from articles.metadata import iso

from .caching import name_entries, name_newest, name_shown
from .models import LiveCoverage, LiveEntry, was_seen

NEWEST = 20  # entries on the story's page, in full, without JavaScript
LIVE_BLOG_UPDATES = 50  # entries in the page's JSON-LD
POLL_SCRIPT = "live/js/live.js"


def coverage_of(article) -> LiveCoverage | None:
    try:
        return article.live_coverage  # fetched with the story (select_related), or one query
    except LiveCoverage.DoesNotExist:
        return None


def newest_entries(coverage) -> list[LiveEntry]:
    """The pinned entry first (if any), then the newest LIVE_BLOG_UPDATES of the stream, tombstones
    included, each with its position, and the stream's length and latest revision: one query."""
    return list(
        LiveEntry.objects.stream().filter(coverage=coverage).positioned().for_page()
        .annotate(total=Window(Count("id")), latest_revision=Window(Max("revision")))
        .order_by("-is_pinned", "-published_at", "-stamp")[: LIVE_BLOG_UPDATES + 1]
    )


def last_entry_at() -> Subquery:
    """When an entry last changed the story's page, for the story of the outer query (`OuterRef("pk")`): the
    latest publication, edit, pin or deletion of an entry readers saw (articles.extensions `changed_at`, so
    `Article.modified_at` follows it, and never steps back when the newest entry is deleted). The stream's gate
    without its story part: the outer query is of stories, gated by whoever asks."""
    seen = LiveEntry.objects.filter(
        was_seen(), coverage__article_id=OuterRef("pk"), status=LiveEntry.Status.PUBLISHED, published_at__lte=timezone.now(),
    )
    changed = seen.annotate(moment=Greatest("published_at", "updated_at")).order_by("-moment")
    return Subquery(changed.values("moment")[:1])


def render_entry(entry, **extra) -> str:
    return render_to_string("live/includes/entry.html", {"entry": entry, **extra})


def story_part(request, article, context) -> None:
    coverage = coverage_of(article)
    if coverage is None:
        return
    name_newest(request, article.pk)
    name_entries(request, article.pk)
    rows = newest_entries(coverage)
    pinned = rows[0] if rows and rows[0].is_pinned else None
    # The pinned entry also keeps its place in the stream, if that place is among the newest.
    stream = sorted(rows, key=lambda entry: entry.position, reverse=True)[:LIVE_BLOG_UPDATES]
    shown = [entry for entry in stream if not entry.is_deleted]
    name_shown(request, [*shown[:NEWEST], *([pinned] if pinned else [])])
    seq = rows[0].total if rows else 0
    # Older entries start below the oldest shown, or, where tombstones left fewer than NEWEST to show, below
    # every entry the page passed over (the entry permalink's rule: live/views.entry).
    oldest_shown = min((entry.position for entry in (shown[:NEWEST] if len(shown) >= NEWEST else stream)), default=0)
    context["story_parts"].append(render_to_string("live/includes/coverage.html", {
        "coverage": coverage, "article": article, "pinned": pinned, "entries": shown[:NEWEST],
        "seq": seq, "rev": rows[0].latest_revision if rows else 0,
        "older_url": f"{reverse('live:older', kwargs={'pk': article.pk})}?before={oldest_shown}" if oldest_shown > 1 else "",
        "urls": live_urls(article.pk), "script_words": script_words(),
    }))
    context["head_parts"].append(render_to_string("live/includes/head.html", {"article": article, "urls": live_urls(article.pk)}))
    if coverage.is_open:
        context["story_scripts"].append(static(POLL_SCRIPT))
    ld = context["sharing"]["json_ld"]
    ld[0] = live_blog_posting(ld[0], coverage, shown)


# The plural rules of gettext's languages (Arabic's six forms, the Slavic languages') read n itself below 200 and
# only n % 100 above: the form of 100 + n % 100 is n's.
PLURAL_TABLE = 200


def script_words() -> str:
    """The polling script's words in the newsroom's language, as JSON (live.js `say`): for each phrase its plural
    forms, and `plural`, the form each count from 0 to PLURAL_TABLE - 1 takes. No JavaScript catalog to serve, cache
    and let through the CSP: the page carries the few words its script writes."""
    # Drawn up once per catalog (4 ms): Django keeps one per language, and a test's pseudo-translation is another.
    return words_of(trans_real.catalog())


@functools.lru_cache(maxsize=4)
def words_of(catalog) -> str:
    forms = [
        (
            ngettext("%(count)s new update", "%(count)s new updates", n),
            ngettext("%(count)s new update waiting", "%(count)s new updates waiting", n),
            ngettext("%(count)s new update added at the top", "%(count)s new updates added at the top", n),
        )
        for n in range(PLURAL_TABLE)
    ]
    distinct = list(dict.fromkeys(forms))
    return json.dumps({
        "plural": [distinct.index(form) for form in forms],
        **{phrase: [form[i] for form in distinct] for i, phrase in enumerate(("new", "waiting", "added"))},
        "ended": pgettext("live coverage", "Ended"),
        "endedStatus": gettext("Live coverage has ended"),
    }, ensure_ascii=False)


def live_urls(pk) -> dict:
    return {name: reverse(f"live:{name}", kwargs={"pk": pk}) for name in ("head", "entries", "edits", "older", "feed")}


def live_blog_posting(news_article: dict, coverage, entries) -> dict:
    """The story's NewsArticle data as a LiveBlogPosting, with its newest updates (schema.org)."""
    page_url = news_article["mainEntityOfPage"]["@id"]
    # dateModified is the NewsArticle's: `article.modified_at` follows the newest entry (last_entry_at), as the
    # sitemaps' lastmod and article:modified_time do.
    data = {
        **news_article, "@type": "LiveBlogPosting",
        "coverageStartTime": iso(coverage.started_at),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": entry.title,
                "url": urljoin(page_url, entry.get_absolute_url()),
                "datePublished": iso(entry.published_at),
                "articleBody": entry.text,
            }
            for entry in entries[:LIVE_BLOG_UPDATES]
        ],
    }
    if coverage.ended_at:
        data["coverageEndTime"] = iso(coverage.ended_at)
    return data
