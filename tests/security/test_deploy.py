"""Production settings: HTTPS=1 makes `check --deploy` clean; without it, plain-http development works."""
import json
import secrets

from tests.helpers import manage as manage_with

HTTPS_SETTINGS = [
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
]


def manage(*args, **env):
    return manage_with(*args, unset=["HTTPS"], **env)


def production_env(**extra):
    return {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "news.example", **extra}


def test_check_deploy_reports_nothing_with_production_settings():
    """DEBUG off, a real key and HTTPS=1: `manage.py check --deploy` has no warning at all."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env(HTTPS="1"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_https_switch_turns_on_redirect_hsts_and_secure_cookies():
    """HTTPS=1 sets every TLS-only setting; HSTS covers subdomains and is preloadable, for a year."""
    script = f"from django.conf import settings; print(__import__('json').dumps({{k: getattr(settings, k) for k in {HTTPS_SETTINGS!r}}}))"
    result = manage("shell", "-v", "0", "-c", script, **production_env(HTTPS="1"))
    assert json.loads(result.stdout) == {
        "SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31_536_000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
    }


def test_tls_only_settings_are_off_without_the_https_switch(settings):
    """The suite and `make run` speak plain http: no redirect, no HSTS, cookies not Secure-only."""
    assert not any(getattr(settings, name) for name in HTTPS_SETTINGS)
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_debug_run_still_starts_on_plain_http():
    """`make run`'s DEBUG=1 passes the ordinary checks with no HTTPS settings."""
    assert manage("check", DEBUG="1").returncode == 0
