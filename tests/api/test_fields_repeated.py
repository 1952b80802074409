"""`fields=` given more than once, as most HTTP libraries write a list (`fields=id&fields=headline`): every
value counts, as in the comma form."""
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from tests.api.helpers import API
from tests.factories import ArticleFactory

NOW = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(time_machine):
    time_machine.move_to(NOW, tick=False)
    return ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=1))


def test_a_list_takes_every_value_of_a_repeated_fields_parameter(client, story):
    """Only the last value was read: items came without their id, and an app keying its copy by id broke."""
    response = client.get(f"{API}/stories?fields=id&fields=headline")
    assert response.status_code == 200
    assert response.json()["items"] == [{"id": story.pk, "headline": story.headline}]


def test_one_story_takes_every_value_of_a_repeated_fields_parameter(client, story):
    response = client.get(f"{API}/stories/{story.pk}?fields=id&fields=body,url")
    assert response.status_code == 200 and set(response.json()) == {"id", "body", "url"}


def test_an_unknown_field_among_repeated_ones_is_refused_in_words(client, story):
    response = client.get(f"{API}/stories?fields=id&fields=secret")
    assert response.status_code == 400 and "Unknown field(s): 'secret'" in response.json()["detail"]
