"""The login audit trail: one log line per login, failed login and lockout, and whose address it was."""
import logging

from axes.signals import user_locked_out
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("newsroom.security")


def client_ip(request) -> str | None:
    """Return the reader's address: behind trusted proxies, the one the first of them appended to X-Forwarded-For.

    Only the TRUSTED_PROXY right-most entries were written by our proxies (Varnish behind a balancer appends the
    balancer's address after the reader's); anything left of them came from the client and could be forged to
    dodge (or aim) the per-address lockout. Fewer entries: the request skipped a proxy, and each one is ours.
    """
    if settings.TRUSTED_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        address = forwarded[-min(int(settings.TRUSTED_PROXY), len(forwarded))]
        if address:
            return address
    return request.META.get("REMOTE_ADDR")


def known_username(username) -> str | None:
    """Return `username` if an account has it. People type passwords into the username box; never log those."""
    User = get_user_model()
    if username and User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
        return username
    return None


@receiver(user_login_failed, dispatch_uid="security.audit.login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    if getattr(request, "axes_locked_out", False):
        return  # log_locked_out has already said so, for this attempt
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    logger.warning("Login failed", extra={
        "event": "login_failed", "username": known_username(username),
        "ip": client_ip(request) if request else None, "request": request,
    })


@receiver(user_locked_out, dispatch_uid="security.audit.locked_out")
def log_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    logger.warning("Login locked out", extra={
        "event": "login_locked_out", "username": known_username(username), "ip": ip_address, "request": request,
    })


@receiver(user_logged_in, dispatch_uid="security.audit.logged_in")
def log_logged_in(sender, request, user, **kwargs):
    # force_login() in tests and admin "log in as" tools pass no request.
    logger.info("Login", extra={
        "event": "login", "username": user.get_username(),
        "ip": client_ip(request) if request else None, "request": request,
    })


@receiver(user_logged_in, dispatch_uid="security.audit.clear_own_failures")
def clear_own_failures(sender, request, user, **kwargs):
    """A login proves who typed it: their own failures are cleared, from every address, and no one else's. axes' reset
    on success (off: settings.py) cleared every failure from the address too, a colleague's guessed password's
    included; with none cleared, a desk behind one office address locked itself out by its morning's typos."""
    axes_reset(username=user.get_username())
