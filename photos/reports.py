"""The photo desk's credit report: which agencies' photos published stories used, over a date range."""
import csv
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import Agency, ArticlePhoto


@dataclass
class AgencyUsage:
    agency: Agency
    articles: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles)


def published_between(start: date, end: date):
    """Return the stories published with a publication time on `start` .. `end` (inclusive, newsroom time)."""
    from articles.models import Article

    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    # Agencies bill for pictures that went out: a story still waiting for its time doesn't count yet.
    return Article.objects.went_out_between(since, until)


def agency_usage(*, start: date, end: date) -> list[AgencyUsage]:
    """Return, per agency, the stories published in the range that carried its photos (lead or in the body).

    Every active agency is listed, used or not; four queries whatever the range.
    """
    from articles.models import Article

    stories = published_between(start, end)
    pairs = set(stories.filter(lead_photo__agency__isnull=False).values_list("lead_photo__agency", "pk"))
    pairs |= set(
        ArticlePhoto.objects.filter(article__in=stories, photo__agency__isnull=False).values_list("photo__agency", "article")
    )
    articles = Article.objects.in_bulk({article_id for _agency_id, article_id in pairs})
    rows = {
        agency.pk: AgencyUsage(agency)
        for agency in Agency.objects.filter(is_active=True) | Agency.objects.filter(pk__in={a for a, _ in pairs})
    }
    for agency_id, article_id in pairs:
        rows[agency_id].articles.append(articles[article_id])
    for row in rows.values():
        row.articles.sort(key=lambda article: (article.publish_at, article.pk))
    return sorted(rows.values(), key=lambda row: (-row.count, row.agency.short_name.casefold()))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Stop a headline like "=HYPERLINK(...)" from running as a formula when the CSV is opened."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(rows: list[AgencyUsage], output) -> None:
    """Write one line per agency and story (an agency with no story gets one line with its count of 0)."""
    writer = csv.writer(output)
    writer.writerow(["agency", "agency full name", "articles in range", "article id", "headline", "published at"])
    for row in rows:
        agency = [spreadsheet_safe(row.agency.short_name), spreadsheet_safe(row.agency.name), row.count]
        if not row.articles:
            writer.writerow([*agency, "", "", ""])
        for article in row.articles:
            published = timezone.localtime(article.publish_at).isoformat()
            writer.writerow([*agency, article.pk, spreadsheet_safe(article.headline), published])
