"""A page reached by a decomposed Unicode address (a Mac's "e" and an accent) names the site's own address as canonical."""
import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def canonical(content: str) -> tuple[str, str]:
    return (re.search(r'<link rel="canonical" href="([^"]+)">', content)[1],
            re.search(r'<meta property="og:url" content="([^"]+)">', content)[1])


def test_a_tag_page_asked_for_in_decomposed_unicode_names_the_composed_address_as_canonical(client, mirror_domain):
    """A tag URL copied from a macOS document (`/tag/cafe%CC%81/`) is answered with the tag page, but its canonical
    link and og:url named that decomposed address, which the site itself never writes: search engines and sharing
    sites took it for a page of its own, a duplicate of /tag/caf%C3%A9/, and shares of the two were counted apart."""
    ArticleFactory(tags=["Café"], published=True)
    own = f"http://newsroom.example{reverse('articles:tag', kwargs={'slug': 'café'})}"
    assert own == "http://newsroom.example/tag/caf%C3%A9/"
    assert canonical(client.get("/tag/caf%C3%A9/").content.decode()) == (own, own)
    response = client.get("/tag/cafe%CC%81/", HTTP_HOST="mirror.example")
    assert response.status_code == 200
    assert canonical(response.content.decode()) == (own, own)
