from django import template
from django.utils.html import format_html

from ..absolute_urls import request_canonical_url
from ..cache import domain_table

register = template.Library()


@register.inclusion_tag("domains/includes/alternate_addresses.html")
def alternate_addresses():
    """The footer's list of mirrors and platform links, from the cached domain table: no query."""
    table = domain_table()
    return {
        "site_name": table.site_name,
        "alternates": [domain.hostname for domain in table.alternates],
        "platform_links": table.platform_links,
    }


@register.simple_tag(takes_context=True)
def canonical_tags(context, page=None, **query):
    """`<link rel="canonical">` and og:url for this page, naming the primary domain (on every page: no
    template of its own, which would cost more than the two elements). `page`: the page number to name;
    by default a paginated page's own (?page=last shows the last page, not page 1). Other keywords: the
    parameters that name the page shown (`before=` on an older entries page), kept in its address."""
    request = context.get("request")
    if request is None or not hasattr(request, "domain"):
        return ""
    if page is None and context.get("page_obj") is not None:
        page = context["page_obj"].number
    url = request_canonical_url(request, page, query)
    return format_html('<link rel="canonical" href="{}">\n  <meta property="og:url" content="{}">', url, url)
