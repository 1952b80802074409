"""A desk login ends SESSION_COOKIE_AGE after it was made. Django moves a session's end on at each save of it (a
refused note's text, a tag merge's selection, a new API key's token are kept in it), so the end is set once, at
login, as a moment: later saves keep it."""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone


@receiver(user_logged_in, dispatch_uid="security.sessions.end_fixed_at_login")
def end_fixed_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.set_expiry(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))
