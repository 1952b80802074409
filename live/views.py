"""Live coverage for readers' pages and their polling script (live/static/live/js/live.js).

- `head.json`: `{seq, rev, pinned, state}`: the stream's length, its latest change number, the pinned
  entry's id and "live" or "ended". Browsers keep it HEAD_SECONDS; shared caches until a change.
- `entries/?after=120&upto=124`: the entries at those positions (a range of at most MAX_RANGE), which
  never changes when entries are added; an edit or deletion purges it.
- `edits/?after=7&upto=9`: the entries readers may see whose latest change number is in that range.
- `older/?before=101`: the page of entries before a position, for readers without JavaScript.
- `feed/`: the story's key events as RSS.
- `entry/<id>/`: an entry's permalink, a redirect to the page that holds it now.

Every one asks `LiveEntry.objects.stream()` (the gate) on a story readers may see, and names its tags.
"""
from django.db.models import Count, Max, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.feeds import SafeFeed, SteadyRssFeed, description_html
from articles.models import Article
from domains.absolute_urls import absolute_url, canonical_url
from security.plain_text import plain_text
from serving.pagecache import page_cache_query
from serving.tags import keep_in_browsers

from .caching import name_entries, name_newest, name_shown
from .models import LiveCoverage, LiveEntry
from .page import LIVE_BLOG_UPDATES, NEWEST, render_entry

HEAD_SECONDS = 3
MAX_RANGE = 50
OLDER_PAGE = 20
FEED_ITEMS = 30
LARGEST_NUMBER = 2**31 - 1  # positions and revisions are integer columns: a larger number is no question to ask them


def public_coverage(request, pk, *, newest=False) -> LiveCoverage:
    """The coverage of story `pk` while readers may see the story; 404 otherwise. Names its tags (the 404
    too: the story's publication purges it)."""
    (name_newest if newest else name_entries)(request, pk)
    coverage = LiveCoverage.objects.filter(article__in=Article.objects.published(), article_id=pk).select_related("article").first()
    if coverage is None:
        raise Http404("No live coverage here.")
    return coverage


def int_param(request, name, default=None) -> int:
    given = str(request.GET.get(name, default))
    # ASCII digits only, without a leading zero: int() took "0_0", "+0", " 0", "٠" and "00" too, each one more key
    # for the caches to render anew.
    if not (given.isascii() and given.isdigit() and (given == "0" or not given.startswith("0"))):
        raise Http404(f"Give {name} as a number.")
    value = int(given)
    if not 0 <= value <= LARGEST_NUMBER:
        raise Http404(f"Give {name} as a number from 0 to {LARGEST_NUMBER}.")
    return value


def entry_data(entry, position=None) -> dict:
    return {
        "id": entry.pk, "position": position, "revision": entry.revision, "pinned": entry.is_pinned,
        "url": entry.get_absolute_url(), "deleted": entry.is_deleted, "html": "" if entry.is_deleted else render_entry(entry),
    }


@require_safe  # as every reader page: other methods were answered like a GET, uncached
def head(request, pk):
    coverage = public_coverage(request, pk, newest=True)
    keep_in_browsers(request, HEAD_SECONDS)
    found = LiveEntry.objects.stream().filter(coverage=coverage).aggregate(
        seq=Count("id"), rev=Max("revision"), pinned=Max("id", filter=Q(is_pinned=True, deleted_at__isnull=True)),
    )
    return JsonResponse({"seq": found["seq"], "rev": found["rev"] or 0, "pinned": found["pinned"], "state": coverage.state})


@require_safe
@page_cache_query("after", "upto")
def entries(request, pk):
    after, upto = int_param(request, "after"), int_param(request, "upto")
    if not 0 < upto - after <= MAX_RANGE:
        raise Http404(f"Ask for 1 to {MAX_RANGE} positions.")
    coverage = public_coverage(request, pk)
    rows = list(LiveEntry.objects.stream().filter(coverage=coverage).positioned().for_page()
                .filter(position__gt=after, position__lte=upto).order_by("published_at", "stamp"))
    name_shown(request, rows)
    return JsonResponse({"entries": [entry_data(entry, entry.position) for entry in rows]})


@require_safe
@page_cache_query("after", "upto")
def edits(request, pk):
    after, upto = int_param(request, "after"), int_param(request, "upto")
    if not 0 < upto - after:
        raise Http404("Ask for a range of change numbers.")
    coverage = public_coverage(request, pk)
    rows = list(LiveEntry.objects.stream().filter(coverage=coverage, revision__gt=after, revision__lte=upto)
                .for_page().order_by("revision")[:MAX_RANGE])
    name_shown(request, rows)
    return JsonResponse({"entries": [entry_data(entry) for entry in rows]})


@require_safe
@page_cache_query("before")
def older(request, pk):
    before = int_param(request, "before", 1)
    coverage = public_coverage(request, pk)
    rows = list(LiveEntry.objects.stream().filter(coverage=coverage).positioned().for_page()
                .filter(position__lt=before).order_by("-published_at", "-stamp")[:OLDER_PAGE])
    if not rows:
        raise Http404("No entries before that.")
    shown = [entry for entry in rows if not entry.is_deleted]
    name_shown(request, shown)
    oldest = rows[-1].position
    return render(request, "live/older.html", {
        "article": coverage.article, "coverage": coverage, "entries": shown, "before": before,
        "older_before": oldest if oldest > 1 else None,
    })


@require_safe
def entry(request, pk, entry_pk):
    """An entry's permalink: to the story's page while the entry is among those it shows, then to the older
    page that starts with it. Moves with each new entry, so it is named, like head.json, by `live-<story>`."""
    coverage = public_coverage(request, pk, newest=True)
    stream = LiveEntry.objects.stream().filter(coverage=coverage)
    found = stream.filter(pk=entry_pk, deleted_at__isnull=True).first()
    if found is None:
        raise Http404("No such entry here.")
    # Its position is the stream's length less the entries after it (a window's row number would count the
    # filtered row alone).
    newer = Q(published_at__gt=found.published_at) | Q(published_at=found.published_at, stamp__gt=found.stamp)
    counted = stream.aggregate(all=Count("id"), rows=Count("id", filter=newer),
                               shown=Count("id", filter=newer & Q(deleted_at__isnull=True)))
    page = coverage.article.get_absolute_url()
    if counted["shown"] >= NEWEST or counted["rows"] >= LIVE_BLOG_UPDATES:  # not on the story's page (live/page.py)
        page = f"{reverse('live:older', kwargs={'pk': pk})}?before={counted['all'] - counted['rows'] + 1}"
    return redirect(f"{page}#{found.anchor}")


class KeyEventsFeed(SafeFeed):
    feed_type = SteadyRssFeed  # dated at the epoch while it has no key event: its ETag holds
    """A live story's key events, newest first."""

    def get_object(self, request, pk):
        coverage = public_coverage(request, pk, newest=True)
        coverage.request = request  # Feed instances are shared between requests, so the request travels here
        return coverage

    def title(self, coverage):
        return _("%(headline)s: key events") % {"headline": plain_text(coverage.article.headline)}

    # Absolute addresses on the reader's domain, as the site's feeds write them: Django's own would take the
    # Host header, port included, into a feed the cache keeps for every reader of that domain.
    def link(self, coverage):
        return absolute_url(coverage.request, coverage.article.get_absolute_url())

    def feed_url(self, coverage):
        return absolute_url(coverage.request, coverage.request.path)

    def description(self, coverage):
        return plain_text(coverage.article.standfirst)

    def items(self, coverage):
        entries = list(LiveEntry.objects.published().filter(coverage=coverage, kind=LiveEntry.Kind.KEY_EVENT)
                       .select_related("coverage__article").order_by("-published_at", "-stamp")[:FEED_ITEMS])
        for entry in entries:
            entry.feed_link = absolute_url(coverage.request, entry.get_absolute_url())
            # The entry's permalink, which leads to it however many entries follow, on the primary domain as the site's
            # feeds name their stories: a reader moved to another mirror gets no key event again as new.
            entry.feed_guid = canonical_url(entry.get_absolute_url(), request=coverage.request)
        return entries

    def item_title(self, entry):
        return plain_text(entry.title)

    def item_description(self, entry):
        return description_html(entry.text)  # a "<" in the text is a character, not a tag

    def item_link(self, entry):
        return entry.feed_link

    def item_guid(self, entry):
        return entry.feed_guid

    item_guid_is_permalink = True

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        return entry.updated_at

