"""A position or change number is ASCII digits: int() took "0_0", "+0", " 0" and "٠", each one more page for the
caches to render anew (found in a review)."""
import pytest
from django.urls import reverse

from live import services
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("spelling", ["0_0", "+0", " 0", "٠"])
def test_a_position_spelled_other_than_in_ascii_digits_is_a_404(client, editor, spelling):
    """README: positions and change numbers are asked for from 0 to 2³¹−1, "anything else is a 404". int_param reads
    them with Python's int(), which also takes "0_0", "+0", " 0" and the Arabic-Indic "٠": each is answered 200 as
    `after=0`, under its own page-cache and Varnish key (the query is part of the key), so anyone can make every
    request for the same range a fresh render of the stream's window query, bypassing both caches at will."""
    coverage = LiveCoverageFactory()
    services.entry_create(coverage=coverage, by=editor, body="First")
    address = reverse("live:entries", kwargs={"pk": coverage.article_id})
    assert client.get(address, {"after": "0", "upto": "1"}).status_code == 200
    assert client.get(address, {"after": spelling, "upto": "1"}).status_code == 404
