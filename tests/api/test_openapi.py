"""The OpenAPI 3.1 document validates, and the docs page works under the site's CSP from our own origin."""
import re

import jsonschema
import pytest
from django.test import Client
from openapi_spec_validator import validate

from tests.api.helpers import API
from tests.factories import ApiKeyFactory


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
    """Swagger UI comes from our static files (no CDN), with our stylesheet and script for its accessibility, and
    the page has no inline script or style: the reader CSP (script-src 'self', style-src 'self') applies to it
    unchanged."""
    response = client.get(f"{API}/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "style-src 'self'" in response["Content-Security-Policy"]
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    ours = {"/static/css/api-docs.css", "/static/js/api-docs-a11y.js"}  # its accessibility fixes (README, "Content API")
    assert sources and all(source.startswith("/static/ninja/") or source in ours for source in sources), sources
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert all("src=" in attributes or 'type="application/json"' in attributes for attributes, _body in scripts)
    assert "<style" not in html and "style=" not in html
    assert '<html lang="en-gb" dir="ltr">' in html and '<meta charset="utf-8">' in html and 'name="viewport"' in html



@pytest.mark.django_db
def test_every_error_the_api_answers_with_is_documented_with_its_shape(client, settings):
    """A client generated from the document knows the errors: each operation lists them, and each real error
    body validates against the documented schema (a sentence, or pydantic's list for a 422)."""
    document = client.get(f"{API}/openapi.json").json()
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert {"200", "401", "429", "503"} <= set(operation["responses"]), path
            assert ("400" in operation["responses"]) == ("422" in operation["responses"]) == bool(operation.get("parameters")), path
            assert ("404" in operation["responses"]) == ("{" in path), path
    error = document["components"]["schemas"]["Error"]
    settings.API_ANONYMOUS = False
    bodies = [
        client.get(f"{API}/stories?cursor=nonsense", HTTP_AUTHORIZATION=f"Bearer {ApiKeyFactory().token}"),
        client.get(f"{API}/stories"),  # 401: no key
    ]
    settings.API_ANONYMOUS = True
    bodies += [client.get(f"{API}/stories/12345"), client.get(f"{API}/stories?limit=abc")]
    bodies.append(client.post(f"{API}/stories"))  # no operation to document it on, but the same shape
    assert [response.status_code for response in bodies] == [400, 401, 404, 422, 405]
    for response in bodies:
        jsonschema.validate(response.json(), error)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/openapi.json", "/docs"])
def test_the_document_and_docs_answer_head(path):
    """Read-only like the endpoints (tests/api/test_stories.py: any other method is the API's JSON 405)."""
    assert Client().head(API + path).status_code == 200
