"""Security headers on every response, and the Content Security Policy each part of the site gets."""
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory


def csp(response):
    """Parse Content-Security-Policy into {directive: set of sources}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = set(sources)
    return policy


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = csp(response)
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["base-uri"] == {"'self'"}
    assert policy["form-action"] == {"'self'"}
    # Scripts come from our origin only, never inline, never eval'd, on every page of the site.
    assert policy["script-src"] == {"'self'"}
    assert "script-src-elem" not in policy


@pytest.mark.django_db
def test_public_page_has_the_readers_policy(client):
    """Readers' pages allow our own scripts, styles and images and nothing inline."""
    article = ArticleFactory(published=True)
    for url in ["/", article.get_absolute_url()]:
        response = client.get(url)
        assert_common_headers(response)
        assert csp(response) == {
            "default-src": {"'self'"}, "img-src": {"'self'", "data:"}, "style-src": {"'self'"},
            "script-src": {"'self'"}, "object-src": {"'none'"}, "base-uri": {"'self'"},
            "form-action": {"'self'"}, "frame-ancestors": {"'none'"},
        }


@pytest.mark.django_db
def test_not_found_page_has_the_headers_too(client):
    """Error pages are responses like any other."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_common_headers(response)


@pytest.mark.django_db
def test_admin_login_page_allows_inline_styles_but_no_inline_script(client):
    """The desk's policy lets the admin's style attributes through; inline handlers stay blocked."""
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_common_headers(response)
    policy = csp(response)
    assert policy["style-src"] == {"'self'", "'unsafe-inline'"}
    assert "script-src-attr" not in policy


@pytest.mark.django_db
def test_article_form_allows_ckeditors_inline_handlers_only(editor_client):
    """The CKEditor page may run inline event handlers (its toolbar) but still no inline <script>."""
    article = ArticleFactory()
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert b'data-type="ckeditortype"' in response.content
    assert_common_headers(response)
    policy = csp(response)
    assert policy["script-src-attr"] == {"'unsafe-inline'"}
    assert policy["style-src"] == {"'self'", "'unsafe-inline'"}
    assert "'unsafe-eval'" not in set().union(*policy.values())


@pytest.mark.django_db
def test_admin_pages_without_the_editor_keep_inline_handlers_blocked(editor_client):
    """The changelist loads no editor, so it gets no exception for inline handlers."""
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert "script-src-attr" not in csp(response)


@pytest.mark.django_db
def test_hsts_is_sent_over_https_when_the_switch_is_on(client, settings):
    """With HTTPS=1's settings, http redirects to https and https answers with HSTS."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    assert client.get("/").status_code == 301
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_common_headers(response)


@pytest.mark.django_db
def test_a_page_kept_over_plain_http_is_not_served_from_the_cache_once_https_is_on(client, settings):
    """Turned on on a running site: the pages cached over http before live PAGE_CACHE_SECONDS, and a hit
    answered before the security middleware could redirect."""
    ArticleFactory(published=True)
    assert client.get("/")["X-Page-Cache"] == "miss" and client.get("/")["X-Page-Cache"] == "hit"
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/")  # a new process's middleware, which reads the setting at start
    assert response.status_code == 301 and response["Location"] == "https://testserver/"


@pytest.mark.django_db
def test_no_hsts_on_plain_http_development(client):
    assert "Strict-Transport-Security" not in client.get("/")
