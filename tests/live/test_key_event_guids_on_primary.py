"""A live story's key-events feed names each entry by one id, whichever mirror it is read on."""
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from live import services
from live.models import LiveEntry
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


def guids(client, coverage, host):
    response = client.get(reverse("live:feed", kwargs={"pk": coverage.article_id}), HTTP_HOST=host)
    assert response.status_code == 200
    return [item.findtext("guid") for item in ET.fromstring(response.content).iter("item")]


def test_a_key_events_guid_is_the_same_on_every_mirror(client, editor, mirror_domain):
    """Readers of a blocked or retired mirror move to another (a retired one's feed redirects to the primary): their
    feed reader must not take every key event of the coverage for a new one, as the site's own feeds already ensure
    (the guid is the entry's permalink on the primary domain)."""
    coverage = LiveCoverageFactory()
    entry = services.entry_create(coverage=coverage, by=editor, kind=LiveEntry.Kind.KEY_EVENT, headline="Dam breaks",
                                  body="Water rising")
    on_mirror = guids(client, coverage, "mirror.example")
    on_primary = guids(client, coverage, "newsroom.example")
    assert on_mirror == on_primary == [f"http://newsroom.example{entry.get_absolute_url()}"]
