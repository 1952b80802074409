"""The one public page of the desk: a draft shown through a preview link."""
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from articles.views import story_context
from notes.services import notes_for_preview

from .models import PREVIEW_COOKIE, PreviewLink


def preview(request, token):
    """Show the story behind a valid preview link, marked as a preview; 404 for anything else.

    This is deliberately outside `Article.objects.published()`: the link itself is the permission,
    like an editor's login is for the staff preview. Expired, revoked and altered links all get the
    same plain 404, which names nothing.
    """
    link = PreviewLink.active_for_token(token)
    if link is None:
        raise Http404("No such preview.")
    # Notes stay on the desk unless the link's editor ticked "show notes to the holder of this link".
    notes = notes_for_preview(preview_key=link.key, article=link.article)
    response = render(
        request, "articles/article.html", {**story_context(request, link.article), "preview": True, "preview_notes": notes},
    )
    add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is the key to the draft: links in the story must not hand it to other sites.
    response["Referrer-Policy"] = "no-referrer"
    # The story's photos are not public yet: the link's holder may see them, through a cookie the photo
    # renditions (and nothing else) receive, lasting as long as the link.
    response.set_cookie(
        PREVIEW_COOKIE, token, max_age=int((link.expires_at - timezone.now()).total_seconds()),
        path="/photos/",  # the renditions' prefix (photos/urls.py)
        secure=request.is_secure(), httponly=True, samesite="Lax",
    )
    return response
