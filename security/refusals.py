"""Refusals on the desk that lose nothing: an admin action over many rows reports each row the service refuses
by name, and the others go on; a post for something deleted meanwhile gives back what was typed."""
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def each_reporting_refusals(model_admin, request, rows, act, done_said=None) -> int:
    """Call act(row) for every row; a refusal becomes an error message naming the row. Return how many succeeded,
    and say it with `done_said(count)` if given, when any did (an action that says nothing leaves the desk guessing)."""
    done = 0
    for row in rows:
        try:
            act(row)
        except (PermissionDenied, ValidationError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else _("permission denied")
            model_admin.message_user(request, f"“{row}”: {message}", messages.ERROR)
        else:
            done += 1
    if done and done_said:
        model_admin.message_user(request, done_said(done), messages.SUCCESS)
    return done


def gone_with_text(request, admin_site, *, gone: str, typed, back, why=None) -> TemplateResponse:
    """A post for something deleted while it was written (a story, an assignment, a note, a live coverage, a
    scheduled update): nothing is saved, and what was typed, [(label, text)], is given back read-only to copy;
    `back` is the (url, label) to leave by. A 404: the thing is not there. Django's own answers (its 404 page,
    a redirect with "doesn't exist") dropped the text."""
    return TemplateResponse(request, "security/gone.html", {
        **admin_site.each_context(request), "title": _("Nothing was saved: %(what)s is no longer there") % {"what": gone},
        "why": why or _("A colleague deleted it while you wrote."),
        "typed": [(label, text) for label, text in typed if str(text).strip()], "back": back,
    }, status=404)


# A form's own workings, never typed: its token, management form, rows' ids and marks, buttons, what it showed.
NOT_TYPED = re.compile(r"(^csrfmiddlewaretoken$|password|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$|(^|-)(id|DELETE|seen|version)$"
                       r"|^initial-|^_)")


def typed_back(request) -> list[tuple[str, str]]:
    """What a post that failed on the server typed (`typed_in`), for its error page: only for a post that passed the
    CSRF check, which came from the site's own pages; none if reading the post is what failed."""
    if request.method != "POST" or not getattr(request, "csrf_processing_done", False):
        return []
    try:
        return typed_in(request.POST)
    except (SuspiciousOperation, MultiPartParserError, UnreadablePostError):
        return []


def typed_in(post) -> list[tuple[str, str]]:
    """What a person typed in a posted form, as (field name, text), for a refusal that has no form to give it back
    in (the desk's 403 page: a role lost while writing): no passwords, ids, numbers, ticks or the form's workings."""
    return [
        (name, value) for name in post if not NOT_TYPED.search(name)
        for value in post.getlist(name) if value.strip() and not value.strip().isdigit() and value != "on"
    ]
