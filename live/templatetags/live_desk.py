"""The story's desk page links to its live coverage (the composer, or for editors marking the story live)
and, for editors, to scheduling an update of the published story, to the updates scheduled for it, and to
any update held because the desk changed the same words since it was prepared (live/updates.py)."""
from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from articles.permissions import can_publish
from times.desk import desk_time

from ..models import LiveCoverage, ScheduledUpdate
from ..services import can_write_entries

register = template.Library()


@register.simple_tag
def live_desk_link(article, user):
    """An object-tools <li> for the story's change page; empty when the user may do nothing live."""
    if article is None or article.pk is None or not can_write_entries(user):
        return ""
    links = []
    coverage = LiveCoverage.objects.filter(article=article).only("pk").first()
    if coverage is not None:
        links.append((reverse("admin:live_livecoverage_change", args=[coverage.pk]), _("Live coverage")))
    elif can_publish(user):
        links.append((f"{reverse('admin:live_livecoverage_add')}?article={article.pk}", _("Mark as live")))
    if can_publish(user) and article.status == article.Status.PUBLISHED:
        links.append((f"{reverse('admin:live_scheduledupdate_add')}?article={article.pk}", _("Schedule an update")))
    if can_publish(user):  # whoever edits the story sees that a version of it is waiting, or held
        for update in ScheduledUpdate.objects.open().filter(article=article).only("pk", "publish_at", "held_at"):
            text = _("Scheduled update held: review it") if update.held_at else _("Update scheduled for %(when)s") % {
                "when": desk_time(update.publish_at)}
            links.append((reverse("admin:live_scheduledupdate_change", args=[update.pk]), text))
    return format_html_join("\n", '<li><a href="{}">{}</a></li>', links)
