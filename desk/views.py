"""The one public page of the desk (a draft shown through a preview link), and the desk's 403 page."""
from django.contrib import admin
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import csrf, defaults

from articles.permissions import can_publish
from articles.views import story_context
from notes.services import notes_for_preview
from security.refusals import typed_in

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


def role_text(user) -> str:
    """Say what `user`'s role may do on the desk, for a refusal."""
    if user.is_superuser:
        return _("As a site admin you may do everything on the desk; this request was refused for another reason.")
    if can_publish(user):
        return _(
            "As an editor you may edit any story, publish, schedule, withdraw and correct. "
            "Users, groups, agencies and domains are for site admins."
        )
    if user.has_perm("articles.add_article"):
        return _(
            "As a journalist you may write and edit your own drafts, upload photos and submit stories for review. "
            "Publishing, scheduling, withdrawing, revisions and changing a published story are for editors."
        )
    return _("Your account has no role on the desk yet: ask a site admin.")


def csrf_failure(request, reason=""):
    """A desk post refused by the CSRF check (the token changed under an open form: a login in another tab,
    cookies cleared): the desk's refusal page, with what was typed, when the post came from the desk's own
    origin; a post from elsewhere is shown nothing it sent. Outside the desk, or logged out, Django's page."""
    if not (request.user.is_authenticated and request.path.startswith(reverse("admin:index"))):
        return csrf.csrf_failure(request, reason)
    own_origin = request.headers.get("Origin") == f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    context = {**admin.site.each_context(request), "title": _("Not saved"), "typed": typed_in(request.POST) if own_origin else [],
               "role": _("This page's security check no longer matches your login (you may have logged in again in "
                         "another tab): nothing was saved. Copy what you typed, reload the page and paste it back.")}
    return render(request, "desk/admin/403.html", context, status=403)


def permission_denied(request, exception):
    """On the desk, a refusal in the desk's own page that says what the role may do; elsewhere, Django's."""
    if not (request.user.is_authenticated and request.path.startswith(reverse("admin:index"))):
        return defaults.permission_denied(request, exception)
    context = {**admin.site.each_context(request), "title": _("Not for your role"), "role": role_text(request.user),
               "typed": typed_in(request.POST) if request.method == "POST" else []}  # a role lost while writing
    return render(request, "desk/admin/403.html", context, status=403)
