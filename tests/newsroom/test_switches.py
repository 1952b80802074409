"""An on/off switch given a word the site does not read stops it at start, naming the variable: never silently off."""
from tests.helpers import manage as manage_with

SWITCHES = ["HTTPS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "PAGE_CACHE",
            "API_ANONYMOUS", "NOTES_EMAIL_MENTIONS", "DB_PREPARED_STATEMENTS", "EMAIL_USE_TLS", "EMAIL_USE_SSL"]


def manage(*args, **env):
    return manage_with(*args, unset=SWITCHES, SECRET_KEY="a-real-key", **env)


def test_https_true_is_refused_at_start_not_read_as_off():
    """`HTTPS=true`, as compose files and Kubernetes manifests write switches, left production with no HSTS, no
    redirect and session cookies not Secure, with nothing said: only `1` turned it on."""
    result = manage("check", HTTPS="true")
    assert result.returncode != 0
    assert "HTTPS" in result.stderr and "'true'" in result.stderr


def test_every_switch_refuses_a_word_it_does_not_read():
    for name in SWITCHES:
        result = manage("check", **{name: "yes"})
        assert result.returncode != 0, name
        assert name in result.stderr, name


def test_switches_read_one_zero_and_empty_as_documented():
    script = ("from django.conf import settings as s; "
              "print(s.HTTPS, s.SECURE_SSL_REDIRECT, s.PAGE_CACHE_ENABLED, s.API_ANONYMOUS, s.NOTES_EMAIL_MENTIONS)")
    assert manage("shell", "-v", "0", "-c", script, HTTPS="1", PAGE_CACHE="0", API_ANONYMOUS="0",
                  NOTES_EMAIL_MENTIONS="1").stdout.split() == ["True", "True", "False", "False", "True"]
    # Empty, as .env.example leaves them: each its default.
    assert manage("shell", "-v", "0", "-c", script, HTTPS="", SECURE_SSL_REDIRECT="", PAGE_CACHE="", API_ANONYMOUS="",
                  NOTES_EMAIL_MENTIONS="").stdout.split() == ["False", "False", "True", "True", "False"]


def test_an_authenticated_mail_relay_is_configured_from_the_environment():
    """A mail provider's relay takes a login over TLS: the mention mails could not be sent through one, as nothing
    read its user, password or TLS switch."""
    script = ("from django.core.mail import get_connection as c; m = c('django.core.mail.backends.smtp.EmailBackend'); "
              "print(m.username, m.password, m.use_tls, m.use_ssl)")
    result = manage("shell", "-v", "0", "-c", script, EMAIL_HOST_USER="desk@news.example.org",
                    EMAIL_HOST_PASSWORD="relay-secret", EMAIL_USE_TLS="1")
    assert result.stdout.split() == ["desk@news.example.org", "relay-secret", "True", "False"]
