"""The breaking-news banner: a page fragment (serving/fragments.py), put into every reader page as it is
served, so an alert shows within FRAGMENT_SECONDS and leaves at its expiry, and no page is purged."""
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string

from articles.models import Section
from serving.fragments import Piece

from .models import Alert


def alerts_for(request, section_id: str) -> list[Alert]:
    """The current alerts of the request's site, for a page in `section_id` ("" for no section)."""
    domain = getattr(request, "domain", None)
    sites = Alert.domains.through.objects.filter(alert=OuterRef("pk"))
    on_site = ~Exists(sites) | (Exists(sites.filter(domain=domain)) if domain is not None and domain.pk else Q(pk__in=[]))
    alerts = list(Alert.objects.current().filter(on_site).select_related("article")
                  .only("headline", "level", "expires_at", "article__slug").prefetch_related("sections"))
    if any(alert.sections.all() for alert in alerts):
        sections = Section.objects.tree()
        page = sections.get(int(section_id)) if section_id.isdigit() else None
        ancestry = {section.pk for section in page.ancestry(sections)} if page else set()
        alerts = [alert for alert in alerts if not alert.sections.all() or ancestry & {s.pk for s in alert.sections.all()}]
    return alerts


def alert_banner(request, section_id: str) -> Piece:
    alerts = alerts_for(request, section_id)
    html = render_to_string("live/includes/alerts.html", {"alerts": alerts}) if alerts else ""
    return Piece(html, min((alert.expires_at.timestamp() for alert in alerts), default=float("inf")))
