"""Characters XML 1.0 cannot carry, beyond the control characters: U+FFFE or U+FFFF in a headline (decoding
debris, like the U+000B security/plain_text.py names) made every feed listing the story, and the news sitemap,
not well-formed, so aggregators and crawlers dropped them whole (found in a review)."""
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.desk.helpers import story_form
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

SURFACES = ["/feed/rss/", "/feed/atom/", "/sitemap-news.xml"]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def story(editor_client):
    """A story whose headline, typed on the desk, holds U+FFFF; then published."""
    response = editor_client.post(reverse("admin:articles_article_add"), story_form(
        SectionFactory(), headline="Ceasefire holds \uffff for a second day", slug="ceasefire-holds",
    ))
    assert response.status_code == 302
    Article.objects.filter(slug="ceasefire-holds").update(
        status=Article.Status.PUBLISHED, publish_at=timezone.now() - timedelta(minutes=5),
    )
    return Article.objects.get(slug="ceasefire-holds")


@pytest.mark.parametrize("path", SURFACES)
def test_a_headline_with_a_noncharacter_leaves_the_feed_well_formed(client, story, path):
    response = client.get(path)
    assert response.status_code == 200
    ET.fromstring(response.content)  # raises "not well-formed (invalid token)" today
