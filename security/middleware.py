"""Response-level hardening: the desk's Content Security Policy, and a 503 when the database is gone."""
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils.log import log_response

from .refusals import typed_back
from .responses import database_unavailable

# What a lost or refused database connection raises, through Django's wrappers, on every backend.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RICH_TEXT_EDITOR_SCRIPT = "ckeditor/ckeditor/ckeditor.js"


def is_desk_request(request) -> bool:
    return request.path_info.startswith(f"/{settings.ADMIN_PATH}")


def loads_rich_text_editor(response) -> bool:
    """Whether an admin page's declared form media include CKEditor (any rich-text field, any model)."""
    media = (getattr(response, "context_data", None) or {}).get("media")
    return media is not None and any(RICH_TEXT_EDITOR_SCRIPT in str(script) for script in media._js)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the desk's policy under ADMIN_PATH and the editor's on editor pages.

    Readers get settings.CONTENT_SECURITY_POLICY. The desk gets ADMIN_CONTENT_SECURITY_POLICY, and only
    the pages that load CKEditor 4 add RICH_TEXT_EDITOR_CSP_UPDATE (inline event handlers, which its
    toolbar is built from), so the rest of the desk keeps the strict script policy. A view's own
    csp_update/csp_replace decorators still apply on top.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not is_desk_request(request):
            return parts
        if parts.config is None:
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        if loads_rich_text_editor(response):
            update = dict(parts.update or {})
            for directive, sources in settings.RICH_TEXT_EDITOR_CSP_UPDATE.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts


def with_security_headers(request, response):
    """A response a middleware answers with before the security ones run (the host check's refusal and redirects,
    the API's key refusals): their headers all the same (HSTS, nosniff, the CSP, X-Frame-Options), from them."""
    for middleware in (SecurityMiddleware, ContentSecurityPolicyMiddleware, XFrameOptionsMiddleware):
        response = middleware(lambda _request: response).process_response(request, response)
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After, not a traceback, when a view or template cannot reach the database.

    Errors raised before the view (another middleware) reach handler500, which does the same
    (security/views.py). Nothing needs restarting when the database returns: Django checks a
    connection's health before reusing it (CONN_HEALTH_CHECKS) and opens a new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        # A save the database failed mid-way (down, a lock waited on too long, a deadlock) gives back what was typed,
        # as the desk's refusals do.
        response = database_unavailable(typed_back(request))
        # One line, on django.request like every other 5xx, with the cause; Django then logs no second one.
        log_response("Database unavailable: %s", request.path, response=response, request=request, exception=exception)
        return response
