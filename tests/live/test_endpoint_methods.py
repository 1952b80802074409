"""Live reader endpoints answer GET and HEAD only: other methods were answered like a GET, with no Cache-Control
(found in a review)."""
import pytest
from django.urls import reverse

from live import services
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


def addresses(coverage, entry):
    pk = coverage.article_id
    return {
        "head": reverse("live:head", kwargs={"pk": pk}),
        "entries": reverse("live:entries", kwargs={"pk": pk}) + "?after=0&upto=1",
        "edits": reverse("live:edits", kwargs={"pk": pk}) + "?after=0&upto=1",
        "older": reverse("live:older", kwargs={"pk": pk}) + "?before=2",
        "entry": reverse("live:entry", kwargs={"pk": pk, "entry_pk": entry.pk}),
    }


@pytest.mark.parametrize("method", ["post", "put", "delete", "options"])
@pytest.mark.parametrize("endpoint", ["head", "entries", "edits", "older", "entry"])
def test_a_live_endpoint_refuses_a_method_other_than_get_and_head_with_405_and_allow(client, editor, endpoint, method):
    """A POST, PUT, DELETE or OPTIONS to head.json, a range, the edits, an older page or a permalink is answered
    as if it were a GET: 200 with the stream's JSON (or the page, or the redirect) and no Cache-Control at all,
    where the key-events feed of the same story answers 405 with `Allow: GET, HEAD`. A client (or a probe) is told
    the endpoint takes writes, and the uncacheable answer carries the reader data past every cache rule."""
    coverage = LiveCoverageFactory()
    entry = services.entry_create(coverage=coverage, by=editor, body="First")
    response = getattr(client, method)(addresses(coverage, entry)[endpoint])
    assert response.status_code == 405
    assert {m.strip() for m in response["Allow"].split(",")} == {"GET", "HEAD"}
