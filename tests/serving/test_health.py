"""/healthz tells a load balancer whether this app server can serve: database and cache both answer."""
import ssl
import urllib.error
import urllib.request
from datetime import timedelta
from unittest.mock import ANY

import pytest
from django.db import OperationalError, connection

from serving import frontcache

pytestmark = pytest.mark.django_db


def test_healthy_server_answers_200_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "static": "ok", "front_caches": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_cache_answers_503_without_a_traceback(client, cache_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "cache": "failing", "static": "ok", "front_caches": "ok"}
    assert b"Traceback" not in response.content


def test_unreachable_database_answers_503(client, monkeypatch, warm_domains):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "failing"


def test_health_check_answers_plain_http_when_https_is_on(client, settings):
    """A load balancer's or Varnish's check asks over http: the HTTPS redirect leaves /healthz alone."""
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert client.get("/", HTTP_HOST="localhost").status_code == 301


def test_health_check_refuses_post(client):
    assert client.post("/healthz").status_code == 405


def test_a_failing_front_cache_is_named_by_its_place_not_by_its_address(client, settings):
    """Anyone may ask /healthz: the front caches' addresses, inside the site's network, stay in the log."""
    url = "http://127.0.0.1:9/"  # nothing listens: refused
    settings.FRONT_CACHES = [url]
    assert not frontcache.purge_one(url, ["home"], hard=False, attempt=0)
    answer = client.get("/healthz")
    assert answer.json()["front_caches"] == {"front cache 1": ANY}
    assert "purge failing" in answer.json()["front_caches"]["front cache 1"]
    assert "127.0.0.1" not in answer.content.decode()
    assert answer.json()["front_caches"]["front cache 1"].startswith("purge failing: ConnectionRefusedError at ")


def test_a_failing_front_caches_error_words_stay_in_the_log(client, settings, monkeypatch, caplog):
    """A TLS name mismatch's words name the front cache's host: /healthz gives the error's kind, the log its words."""
    url = "https://127.0.0.1:9/"
    settings.FRONT_CACHES = [url]

    def mismatch(*args, **kwargs):
        raise urllib.error.URLError(ssl.SSLCertVerificationError("Hostname mismatch, certificate is not valid for 'varnish.internal'"))
    monkeypatch.setattr(urllib.request, "urlopen", mismatch)
    assert not frontcache.purge_one(url, ["home"], hard=False, attempt=0)
    assert client.get("/healthz").json()["front_caches"]["front cache 1"].startswith("purge failing: SSLCertVerificationError at ")
    assert "varnish.internal" not in client.get("/healthz").content.decode() and "varnish.internal" in caplog.text


def test_a_failing_front_cache_is_listed_while_configured_and_for_a_week_at_most(client, settings, time_machine):
    """A front cache taken out of FRONT_CACHES is no longer reported; nor is a failure no purge followed for a week."""
    gone, kept = "http://127.0.0.1:9/", "http://127.0.0.1:19/"  # nothing listens: refused
    for url in (gone, kept):
        assert not frontcache.purge_one(url, ["home"], hard=False, attempt=0)
    settings.FRONT_CACHES = ["http://127.0.0.1:29/", kept]
    assert client.get("/healthz").json()["front_caches"] == {"front cache 2": ANY}
    time_machine.move_to(timedelta(days=7, seconds=1))
    assert client.get("/healthz").json()["front_caches"] == "ok"
