"""The breaking-news banner: a page fragment (serving/fragments.py), put into every reader page as it is
served, so an alert shows within FRAGMENT_SECONDS and leaves at its expiry, and no page is purged.

The site's current alerts are read once for all its pages (one query, kept like a fragment), then each
page's banner keeps those of its section."""
import hashlib
import math

from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Section
from serving.fragments import Piece, kept

from .models import Alert


def site_alerts(request) -> tuple[list[dict], float]:
    """The current alerts of the request's site as plain data, and until when that list holds."""
    domain = getattr(request, "domain", None)
    host = getattr(domain, "hostname", "") or request.get_host()

    def read():
        if not Alert.objects.filter(expires_at__gt=timezone.now()).exists():
            return [], math.inf  # most of the time: a cheap question spares building the one below
        sites = Alert.domains.through.objects.filter(alert=OuterRef("pk"))
        on_site = ~Exists(sites) | (Exists(sites.filter(domain=domain)) if domain is not None and domain.pk else Q(pk__in=[]))
        alerts = list(Alert.objects.current().filter(on_site).select_related("article")
                      .only("headline", "level", "expires_at", "article__slug").prefetch_related("sections"))
        tree = Section.objects.tree() if any(alert.sections.all() for alert in alerts) else {}
        data = [{
            "headline": alert.headline, "level": alert.level, "level_label": alert.get_level_display(),
            "url": alert.get_absolute_url(),
            # Every section the alert shows on, subsections included; None: every page.
            "sections": {pk for s in alert.sections.all() for pk in s.descendant_ids(tree)} or None,
        } for alert in alerts]
        return data, min((alert.expires_at.timestamp() for alert in alerts), default=math.inf)

    return kept("live:alerts:" + hashlib.md5(host.encode(), usedforsecurity=False).hexdigest(), read)


def alert_banner(request, section_id: str) -> Piece:
    alerts, until = site_alerts(request)
    page = int(section_id) if section_id.isdecimal() else None
    shown = [alert for alert in alerts if alert["sections"] is None or page in alert["sections"]]
    return Piece(render_to_string("live/includes/alerts.html", {"alerts": shown}) if shown else "", until)
