"""A live story's endpoints name its id as links write it: "/live/01/…" is no live story's address, as "/story/01/"
is not (tests/articles/test_story_id_one_spelling.py). Each spelling was one more key to render anew."""
import pytest

from live import services
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("endpoint", ["head.json", "entries/?after=0&upto=1", "older/?before=2", "feed/"])
def test_a_live_story_id_with_a_leading_zero_is_a_404(client, editor, endpoint):
    coverage = LiveCoverageFactory()
    services.entry_create(coverage=coverage, by=editor, body="First")
    assert client.get(f"/live/{coverage.article_id}/{endpoint}").status_code == 200
    assert client.get(f"/live/0{coverage.article_id}/{endpoint}").status_code == 404
    assert client.get(f"/live/00{coverage.article_id}/{endpoint}").status_code == 404
