"""The OpenAPI 3.1 document validates, and the docs page works under the site's CSP from our own origin."""
import re

import pytest
from openapi_spec_validator import validate

from tests.api.helpers import API


@pytest.mark.django_db
def test_the_openapi_document_is_valid_openapi_3_1(client):
    document = client.get(f"{API}/openapi.json").json()
    validate(document)  # raises on any error
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        f"{API}/stories", f"{API}/stories/{{story_id}}", f"{API}/sections", f"{API}/tags", f"{API}/authors", f"{API}/changes",
    }
    assert document["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"
    assert {} in document["security"]  # anonymous access is on by default


@pytest.mark.django_db
def test_the_document_says_when_a_key_is_required(client, settings):
    settings.API_ANONYMOUS = False
    assert client.get(f"{API}/openapi.json").json()["security"] == [{"apiKey": []}]


@pytest.mark.django_db
def test_the_docs_load_only_our_own_scripts_and_styles(client):
    """Swagger UI comes from our static files (no CDN), and the page has no inline script or style: the
    reader CSP (script-src 'self', style-src 'self') applies to it unchanged."""
    response = client.get(f"{API}/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "style-src 'self'" in response["Content-Security-Policy"]
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/ninja/") for source in sources), sources
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert all("src=" in attributes or 'type="application/json"' in attributes for attributes, _body in scripts)
    assert "<style" not in html and "style=" not in html
    assert '<html lang="en-gb">' in html and '<meta charset="utf-8">' in html and 'name="viewport"' in html

