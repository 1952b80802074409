"""The story's desk page links to its live coverage: the composer, or (editors) marking the story live."""
from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from articles.permissions import can_publish

from ..models import LiveCoverage
from ..services import can_write_entries

register = template.Library()


@register.simple_tag
def live_desk_link(article, user):
    """An object-tools <li> for the story's change page; empty when the user may do nothing live."""
    if article is None or article.pk is None or not can_write_entries(user):
        return ""
    coverage = LiveCoverage.objects.filter(article=article).only("pk").first()
    if coverage is not None:
        return format_html('<li><a href="{}">{}</a></li>', reverse("admin:live_livecoverage_change", args=[coverage.pk]), _("Live coverage"))
    if can_publish(user):
        return format_html('<li><a href="{}?article={}">{}</a></li>', reverse("admin:live_livecoverage_add"), article.pk, _("Mark as live"))
    return ""
