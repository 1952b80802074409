"""The photo desk's credit report: which agencies' photos published stories used, over a date range.

It counts stories, so it lives here rather than in photos; the desk site serves it where the photo
admin links to it (newsroom/admin.py). Apps above articles that put photos out with a story by other
ways (live entries) register them: `register_usage(source)` in their AppConfig.ready()."""
import csv
import io
import itertools
from urllib.parse import urlencode
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from photos.admin import REPORT_PERMISSION
from photos.models import Agency, Photo

from .models import Article, ArticlePhoto


class Billed(NamedTuple):
    article: Article
    at: datetime  # when the agency's photo first went out with the story in the range


@dataclass
class AgencyUsage:
    agency: Agency
    stories: list[Billed] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.stories)


usage_sources: list = []  # (since, until) -> (agency id, story id, moment) of agency photos out in [since, until)


def register_usage(source) -> None:
    """Count an app's own uses of agency photos with stories: `source(since, until)` returns (agency id, story id,
    moment) for each photo it put out at `moment` in [since, until), staff photos left out (live entries)."""
    if source not in usage_sources:
        usage_sources.append(source)


def day_range(start: date, end: date) -> tuple[datetime, datetime]:
    """`start` .. `end` (inclusive, newsroom time) as [since, until)."""
    zone = timezone.get_current_timezone()
    return datetime.combine(start, time.min, tzinfo=zone), datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)


def agency_usage(*, start: date, end: date) -> list[AgencyUsage]:
    """Return, per agency, the stories that carried its photos out in the range, each once, with the moment its
    photo first went out with it in the range: a story published in it (lead or body photo, at its publication),
    or a photo a registered source put out in it (a live entry, on a story of any date, at the entry's moment).

    Every active agency is listed, used or not; four queries whatever the range, and one per source.
    """
    since, until = day_range(start, end)
    # Agencies bill for pictures that went out: a story still waiting for its time doesn't count yet.
    stories = Article.objects.went_out_between(since, until)
    # A staff photo is credited to the staff, whatever agency was left selected: not billed.
    uses = [
        stories.filter(lead_photo__agency__isnull=False).exclude(lead_photo__credit_type=Photo.CreditType.STAFF)
        .values_list("lead_photo__agency", "pk", "publish_at"),
        ArticlePhoto.objects.filter(article__in=stories, photo__agency__isnull=False).exclude(photo__credit_type=Photo.CreditType.STAFF)
        .values_list("photo__agency", "article", "article__publish_at"),
        *(source(since, until) for source in usage_sources),
    ]
    first_out: dict[tuple[int, int], datetime] = {}
    for agency_id, article_id, at in itertools.chain.from_iterable(uses):
        first_out[agency_id, article_id] = min(at, first_out.get((agency_id, article_id), at))
    articles = Article.objects.in_bulk({article_id for _agency_id, article_id in first_out})
    rows = {
        agency.pk: AgencyUsage(agency)
        for agency in Agency.objects.filter(is_active=True) | Agency.objects.filter(pk__in={a for a, _ in first_out})
    }
    for (agency_id, article_id), at in first_out.items():
        rows[agency_id].stories.append(Billed(articles[article_id], at))
    for row in rows.values():
        row.stories.sort(key=lambda billed: (billed.at, billed.article.pk))
    return sorted(rows.values(), key=lambda row: (-row.count, row.agency.short_name.casefold()))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Stop a headline like "=HYPERLINK(...)" from running as a formula when the CSV is opened."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(rows: list[AgencyUsage], output) -> None:
    """Write one line per agency and story (an agency with no story gets one line with its count of 0)."""
    writer = csv.writer(output)
    writer.writerow(["agency", "agency full name", "articles in range", "article id", "headline", "went out at"])
    for row in rows:
        agency = [spreadsheet_safe(row.agency.short_name), spreadsheet_safe(row.agency.name), row.count]
        if not row.stories:
            writer.writerow([*agency, "", "", ""])
        for article, at in row.stories:
            writer.writerow([*agency, article.pk, spreadsheet_safe(article.headline), timezone.localtime(at).isoformat()])


class CreditReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To (inclusive)"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end >= date.max:  # the range ends at the next day's midnight
            raise forms.ValidationError(_("Pick an end date before 31 December 9999."))
        return end

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("start") and cleaned_data.get("end") and cleaned_data["end"] < cleaned_data["start"]:
            raise forms.ValidationError(_("The end date must not be before the start date."))
        return cleaned_data


def form_query(form) -> str:
    if not form.is_valid():
        return ""
    return urlencode({name: form.cleaned_data[name].isoformat() for name in ("start", "end")})


def credit_report_view(request, *, admin_site, as_csv=False):
    """Count, per agency, the stories published in a date range that used its photos."""
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    form = CreditReportForm(request.GET or {"start": today.replace(day=1), "end": today})
    rows = agency_usage(start=form.cleaned_data["start"], end=form.cleaned_data["end"]) if form.is_valid() else []
    if as_csv and form.is_valid():
        output = io.StringIO()
        write_csv(rows, output)
        response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
        start, end = (form.cleaned_data[name].isoformat() for name in ("start", "end"))
        response["Content-Disposition"] = f'attachment; filename="credit-report-{start}-to-{end}.csv"'
        return response
    return TemplateResponse(request, "articles/admin/credit_report.html", {
        **admin_site.each_context(request),
        "opts": Photo._meta,
        "title": _("Agency credit report"),
        "form": form,
        "rows": rows,
        "csv_url": f"{reverse('admin:photos_photo_credit_report_csv')}?{form_query(form)}",
    })


def credit_report_urls(admin_site) -> list:
    """The report's pages, at the addresses of the photo admin they belong to for the desk."""
    view = admin_site.admin_view(credit_report_view)
    return [
        path("photos/photo/credit-report/", view, {"admin_site": admin_site}, name="photos_photo_credit_report"),
        path("photos/photo/credit-report/csv/", view, {"admin_site": admin_site, "as_csv": True},
             name="photos_photo_credit_report_csv"),
    ]
