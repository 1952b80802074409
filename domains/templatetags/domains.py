from django import template

from ..cache import domain_table
from ..urls import request_canonical_url

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


@register.inclusion_tag("domains/includes/canonical.html", takes_context=True)
def canonical_tags(context):
    """`<link rel="canonical">` and og:url for this page, naming the primary domain."""
    request = context.get("request")
    return {"url": request_canonical_url(request) if request is not None and hasattr(request, "domain") else ""}
