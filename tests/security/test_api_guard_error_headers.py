"""Found in review: the README says every response carries the CSP and the other security headers, those answered
above the security middlewares included (security.middleware.with_security_headers). The API's guard
(api.middleware.ApiAccessMiddleware.answer) answers one more kind above them: its own errors, put in JSON (a key
looked up while the database is gone, the rate-limit store failing otherwise). Those are built from handler500's
page, above SecurityMiddleware and the CSP middleware, and carry none of them: no HSTS, no nosniff, no CSP."""
import pytest
from django.db import OperationalError
from django.test import Client

from api import middleware as api_middleware

YEAR = 31_536_000


@pytest.mark.django_db
def test_an_api_error_in_the_key_check_carries_the_security_headers(settings, monkeypatch):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = YEAR

    def database_gone(token):
        raise OperationalError("the database is gone")

    monkeypatch.setattr(api_middleware, "find_key", database_gone)
    response = Client(raise_request_exception=False).get("/api/v1/stories", secure=True,
                                                         HTTP_AUTHORIZATION="Bearer nr_some-key")
    assert response.status_code >= 500 and response["Content-Type"].startswith("application/json")
    headers = dict(response.items())
    assert response.get("X-Content-Type-Options") == "nosniff", headers
    assert response.get("Strict-Transport-Security", "").startswith(f"max-age={YEAR}"), headers
    assert "frame-ancestors 'none'" in response.get("Content-Security-Policy", ""), headers
