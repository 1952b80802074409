"""The breaking-news banner, under the masthead of every reader page (articles/extensions.py `banner`).

Every page that has the banner's place names the `alerts` tag, whether it shows an alert or not: a new,
changed or ended alert purges it (live/caching.py), and an alert's expiry caps every cached copy (the clock).
The site's current alerts are one query; most of the time a cheaper one finds there are none."""
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete, pre_delete
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Section
from domains.models import Domain
from serving.purges import purge
from serving.tags import add_around
from times.desk import desk_time

from .models import Alert

ALERTS_TAG = "alerts"


def alert_banner(request, section_id) -> str:
    """The alerts of the request's site that show on a page of `section_id` (None: every page but a section's)."""
    add_around(request, ALERTS_TAG)
    if not Alert.objects.filter(expires_at__gt=timezone.now()).exists():
        return ""
    domain = getattr(request, "domain", None)
    sites = Alert.domains.through.objects.filter(alert=OuterRef("pk"))
    on_site = ~Exists(sites) | (Exists(sites.filter(domain=domain)) if domain is not None and domain.pk else Q(pk__in=[]))
    alerts = list(Alert.objects.current().filter(on_site).select_related("article")
                  .only("headline", "level", "article__slug").prefetch_related("sections"))
    tree = Section.objects.tree() if any(alert.sections.all() for alert in alerts) else {}
    # An alert with sections shows on their pages and stories, subsections included; one without, everywhere.
    shown = [alert for alert in alerts if not alert.sections.all()
             or section_id in {pk for section in alert.sections.all() for pk in section.descendant_ids(tree)}]
    return render_to_string("live/includes/alerts.html", {"alerts": shown}) if shown else ""


def end_alerts_losing_their_last_target() -> None:
    """An alert with no site shows on every site, and one with no section on every page: when the last site
    (or section) an alert was limited to is deleted, the alert ends, rather than showing everywhere."""
    for model, field in ((Domain, "domains"), (Section, "sections")):
        def remember(sender, instance, field=field, **kwargs):
            instance._limited_alert_ids = list(Alert.objects.filter(**{field: instance}).values_list("pk", flat=True))

        def end(sender, instance, field=field, **kwargs):
            # After the delete: its rows, and those of others deleted with it, are gone.
            if ids := getattr(instance, "_limited_alert_ids", None):
                now = timezone.now()
                if Alert.objects.filter(pk__in=ids, expires_at__gt=now, **{f"{field}__isnull": True}).update(expires_at=now):
                    purge([ALERTS_TAG], hard=True, schedule=True)

        pre_delete.connect(remember, sender=model, weak=False, dispatch_uid=f"live:alerts:{field}:remember")
        post_delete.connect(end, sender=model, weak=False, dispatch_uid=f"live:alerts:{field}:end")


def alert_warning(article) -> str:
    """Before and after `article` is published: the alert it brings back on every page, which nobody may have read
    again since the story left the site (a story withdrawn for a legal check, put back with a softer headline)."""
    alert = Alert.objects.filter(article=article, expires_at__gt=timezone.now()).order_by("-expires_at").first()
    if alert is None:
        return ""
    return _("Its breaking-news alert “%(headline)s” shows on every page it is set for, until %(until)s: end it "
             "under Live coverage and alerts if it no longer holds.") % {"headline": alert.headline, "until": desk_time(alert.expires_at)}
