"""The one public page of the desk: a draft shown through a preview link."""
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from articles.models import Section

from .models import PreviewLink


def preview(request, token):
    """Show the story behind a valid preview link, marked as a preview; 404 for anything else.

    This is deliberately outside `Article.objects.published()`: the link itself is the permission,
    like an editor's login is for the staff preview. Expired, revoked and altered links all get the
    same plain 404, which names nothing.
    """
    try:
        key = PreviewLink.key_from_token(token)
    except signing.BadSignature:
        raise Http404("No such preview.") from None
    link = (
        PreviewLink.objects.active()
        .select_related("article__section")
        .prefetch_related("article__authors")
        .filter(key=key)
        .first()
    )
    if link is None:
        raise Http404("No such preview.")
    article = link.article
    response = render(request, "articles/article.html", {
        "article": article,
        "preview": True,
        "trail": article.trail(Section.objects.tree()),
    })
    add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is the key to the draft: links in the story must not hand it to other sites.
    response["Referrer-Policy"] = "no-referrer"
    return response
