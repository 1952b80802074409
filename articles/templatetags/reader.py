import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from people.names import person_name
from security.plain_text import plain_text
from times.desk import zoned as zoned_time

from .. import extensions
from ..metadata import iso

register = template.Library()
# For XML written by a template (the news sitemap), which cannot carry a control character stored before
# saves removed them.
register.filter("plain_text", plain_text)

# As Django's json_script does: no "<", ">" or "&" survives, so a headline cannot close the element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Render `data` as a <script type="application/ld+json"> element, safe inside HTML."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    # mark_safe: the payload is JSON with the characters that matter in HTML escaped above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.filter
def machine_time(moment):
    """A moment as `<time datetime>` and sitemaps take it (articles.metadata.iso)."""
    return iso(moment) if moment else ""


@register.filter
def zoned(moment, fmt) -> str:
    """A moment for people to read, by the date format `fmt`, with its zone's name (times.desk.zoned): the
    `date` filter's `T` writes nothing in the hour a clock change repeats."""
    return zoned_time(moment, fmt) if moment else ""


@register.filter
def person(user) -> str:
    """A person as the newsroom names them (`person_name`), or "—" once their account is gone."""
    return person_name(user) if user else "—"


@register.simple_tag
def feed_links(title, rss, atom):
    """The <link rel="alternate"> elements naming a page's RSS and Atom feeds. A tag, not an included
    template: it is in every page's <head>, where an include costs more than the two elements."""
    return format_html(
        '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">\n'
        '  <link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        # Translators: a page's feed, named by the page ("Politics") and the feed's format.
        _("%(title)s (RSS)") % {"title": title}, rss, _("%(title)s (Atom)") % {"title": title}, atom,
    )


@register.simple_tag(takes_context=True)
def banners(context, section_id=None):
    """What apps put under the masthead (articles/extensions.py): the breaking-news alerts. None on a page
    rendered without its request (the 500 page), which must not ask the database anything."""
    request = context.get("request")
    # mark_safe: each banner is a template the app rendered, its text escaped there.
    return mark_safe("".join(banner(request, section_id) for banner in extensions.banners)) if request else ""
