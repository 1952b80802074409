"""Caching headers of responses the page cache never sees: a 404 of an address no view serves, a mirror's
redirect to the primary."""
import pytest

from tests.factories import ArticleFactory, DomainFactory

pytestmark = [pytest.mark.django_db]


def test_a_404_of_an_address_no_view_serves_says_no_store(client):
    """README ("The app's page cache in detail"): a response not kept "and says nothing of caching itself is sent
    `no-store`, so that no cache downstream guesses". RFC 9111 4.2.2: a 404 is heuristically cacheable, so a CDN
    may keep a 404 that carries no Cache-Control (Cloudflare does by default). The API's unknown addresses get
    `no-store`; the site's (`/no-such-page/`, `//story/1/x/`) carry no Cache-Control at all, because the page
    cache skips any path that resolves to no reader page before it adds its headers."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "no-store" in response.get("Cache-Control", ""), dict(response.headers)


def test_a_retired_mirrors_redirect_says_how_long_it_may_be_kept(client, mirror_domain):
    """README ("Domains"): mode "Redirect to the primary domain" retires a mirror *gently*, and the desk can set it
    back. The 301 is sent with no Cache-Control: RFC 9111 4.2.2 makes a 301 heuristically cacheable, and browsers
    keep such a 301 indefinitely, so readers who once hit the retired mirror keep being sent away after the desk
    sets it back to serve (no purge reaches a browser). The refusal of an unknown host, by contrast, is no-store."""
    DomainFactory(hostname="old.example", position=2, mode="redirect")
    url = ArticleFactory(published=True).get_absolute_url()
    response = client.get(url + "?page=2", HTTP_HOST="old.example")
    assert response.status_code == 301
    assert response["Location"] == f"http://newsroom.example{url}?page=2"
    assert "Cache-Control" in response, dict(response.headers)
