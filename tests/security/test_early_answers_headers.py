"""Security headers on responses answered above Django's SecurityMiddleware and the CSP middleware (the host check's
refusal and redirects, the API's key refusals): they get them from those middlewares all the same
(security.middleware.with_security_headers). Found in a review: they had none, so an app only ever refused, or a
retired mirror, was never pinned to https, and the host check's 400 could be framed and sniffed."""
import pytest
from django.test import Client

from tests.factories import DomainFactory

YEAR = 31_536_000


@pytest.fixture
def https_on(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = YEAR
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True


def assert_hardened(response):
    assert response.get("Strict-Transport-Security") == f"max-age={YEAR}; includeSubDomains; preload", dict(response.items())
    assert "frame-ancestors 'none'" in response.get("Content-Security-Policy", ""), dict(response.items())
    assert response.get("X-Frame-Options") == "DENY"
    assert response.get("X-Content-Type-Options") == "nosniff"
    assert response.get("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.get("Cross-Origin-Opener-Policy") == "same-origin"


@pytest.mark.django_db
def test_api_key_refusal_over_https_carries_hsts_and_the_security_headers(https_on):
    """An app or a browser calling the API over https with a wrong or revoked key gets a 401 answered by
    api.middleware.ApiAccessMiddleware, above SecurityMiddleware: no HSTS, no CSP, no X-Frame-Options, no COOP.
    An attacker on the path gains a domain that is never pinned to https for clients that only ever see these
    refusals (a revoked key's app), and the README's "every response carries a CSP" does not hold for the API."""
    response = Client().get("/api/v1/stories", secure=True, HTTP_AUTHORIZATION="Bearer nr_not-a-real-key")
    assert response.status_code == 401
    assert_hardened(response)


@pytest.mark.django_db
def test_api_rate_limit_refusal_over_https_carries_hsts_and_the_security_headers(https_on):
    """The 429 of a key past its limit is answered by the same guard above SecurityMiddleware: the same headers
    are missing."""
    from tests.factories import ApiKeyFactory

    key = ApiKeyFactory(rate_limit=1)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key.token}")
    statuses = [client.get("/api/v1/sections", secure=True) for _ in range(3)]  # a minute may turn between two
    response = statuses[-1]
    assert response.status_code == 429
    assert_hardened(response)


@pytest.mark.django_db
def test_a_retired_mirror_that_redirects_sends_hsts_over_https(https_on, mirror_domain):
    """A mirror set to "Redirect to the primary domain" answers every https request with DomainMiddleware's 301,
    before SecurityMiddleware, so it never sends Strict-Transport-Security. Readers who still type the old address
    are never pinned to https for it: an attacker on their network can strip TLS on the old name (sslstrip) on every
    visit and serve a look-alike site instead of the redirect."""
    mirror_domain.mode = "redirect"
    mirror_domain.save()
    response = Client().get("/story/1/x/", secure=True, HTTP_HOST="mirror.example")
    assert response.status_code == 301
    assert response["Location"].startswith("https://newsroom.example/")
    assert response.get("Strict-Transport-Security") == f"max-age={YEAR}; includeSubDomains; preload", dict(response.items())


@pytest.mark.django_db
def test_the_host_checks_refusal_carries_the_csp_and_nosniff(https_on):
    """The 400 for an unknown Host (domains.middleware.bad_host_response) is built above every header middleware:
    no CSP, no X-Content-Type-Options, no X-Frame-Options. The README promises a CSP on every response; a page that
    any attacker can make the site answer (any Host header) can be framed and sniffed."""
    response = Client().get("/", secure=True, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "frame-ancestors 'none'" in response.get("Content-Security-Policy", ""), dict(response.items())
    assert response.get("X-Content-Type-Options") == "nosniff"
    assert response.get("X-Frame-Options") == "DENY"
