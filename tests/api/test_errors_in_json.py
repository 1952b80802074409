"""The API answers in JSON when Django refuses a request itself, and at its own root. Found in a review: both were
the site's HTML pages, which an app cannot parse."""
import pytest
from django.test import Client

from tests.api.helpers import API


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_the_api_root_is_the_apis_json_404_not_the_sites_html_page(method):
    """README: "Any other address under /api/v1/ ... is a JSON 404, for any method, not the site's HTML page".
    /api/v1/ itself is ninja's `api-root` (default_home raises Http404), answered with the site's HTML 404 page."""
    response = getattr(Client(raise_request_exception=False), method)(f"{API}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    if method != "head":
        assert "detail" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["/stories", "/changes", "/tags"])
def test_more_query_parameters_than_django_parses_is_a_json_400_not_an_html_page(endpoint):
    """Bad input gets a JSON 4xx saying what is wrong. Past DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) query parameters
    Django raises TooManyFieldsSent, and the API answers with Django's HTML "Bad Request (400)" page."""
    query = "&".join(f"p{n}=1" for n in range(1001))
    response = Client(raise_request_exception=False).get(f"{API}{endpoint}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json"), response.content[:120]
    assert response.json()["detail"]
