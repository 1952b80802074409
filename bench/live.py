"""The bench's live story: a published story with LIVE_ENTRIES entries, for the head.json and live-page rows.

Made once in newsroom_bench (kept like the seeded stories): the newest story with three tags or more that is
not the article row's, marked live, its entries published over the past hours, one of them pinned."""
from datetime import timedelta

LIVE_ENTRIES = 500


def ensure_live_story(not_this):
    """Return the live story, marking one live and writing its entries if the bench has none yet."""
    from django.db.models import Count
    from django.utils import timezone

    from articles.models import Article
    from live.models import LiveCoverage, LiveEntry

    coverage = LiveCoverage.objects.select_related("article").first()
    if coverage is not None and coverage.entries.count() == LIVE_ENTRIES:
        return coverage.article
    LiveCoverage.objects.all().delete()
    article = (Article.objects.published().annotate(tag_count=Count("tags")).filter(tag_count__gte=3)
               .exclude(pk=not_this.pk).order_by("-publish_at").first())
    start = timezone.now() - timedelta(hours=LIVE_ENTRIES // 60 + 1)
    coverage = LiveCoverage.objects.create(article=article, started_at=start, changes=LIVE_ENTRIES)
    LiveEntry.objects.bulk_create(
        LiveEntry(
            coverage=coverage, kind=LiveEntry.Kind.KEY_EVENT if number % 25 == 0 else LiveEntry.Kind.UPDATE,
            headline=f"Update {number}" if number % 5 == 0 else "", status=LiveEntry.Status.PUBLISHED,
            body=f"<p>Entry {number}: officials said the situation on the coast road was changing by the hour.</p>"
                 "<p>Residents were asked to follow the instructions of the emergency services.</p>",
            published_at=start + timedelta(minutes=number), stamp=number, revision=number, is_pinned=number == 1,
        )
        for number in range(1, LIVE_ENTRIES + 1)
    )
    return article
