"""A position or change number with a leading zero ("01", "007") is no position either: each was one more page-cache
key under which the same range was rendered anew, as "+0" and "٠" were before tests/live/test_position_spelling.py."""
import pytest
from django.urls import reverse

from live import services
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("view", "params"), [
    ("live:entries", {"after": "00", "upto": "1"}),
    ("live:entries", {"after": "0", "upto": "01"}),
    ("live:edits", {"after": "0", "upto": "0001"}),
    ("live:older", {"before": "02"}),
])
def test_a_position_with_a_leading_zero_is_a_404(client, editor, view, params):
    """?after=0, 00, 000… all answered 200 with the same entries, so anyone could render the stream's window query
    afresh at every request, past both caches."""
    coverage = LiveCoverageFactory()
    services.entry_create(coverage=coverage, by=editor, body="First")
    address = reverse(view, kwargs={"pk": coverage.article_id})
    plain = {name: value.lstrip("0") or "0" for name, value in params.items()}
    assert client.get(address, plain).status_code == 200
    assert client.get(address, params).status_code == 404
