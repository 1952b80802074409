"""The one place reader surfaces turn a path into an absolute URL (feeds, sitemaps, robots.txt, metadata).

Until alternate domains exist, both name the host the request came on. The domains app will make
`canonical_url` name the primary domain; `absolute_url` stays on the host the reader is using, so a
mirror's feeds and sitemaps list mirror URLs.
"""


def absolute_url(request, path: str) -> str:
    """Return `path` on the scheme and host the request came on."""
    return request.build_absolute_uri(path)


def canonical_url(request, path: str) -> str:
    """Return the canonical address of `path` (og:url, JSON-LD mainEntityOfPage)."""
    return absolute_url(request, path)
