"""No correction on a story readers have not seen yet (found in a review: it went out dated before the story)."""
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article, Correction
from desk.services import correction_add
from tests.articles.test_corrections import note_form
from tests.desk.helpers import change_url
from tests.factories import ArticleFactory

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(time_machine):
    time_machine.move_to(NOW, tick=False)
    return ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW + timedelta(hours=5), headline="Budget vote")


def test_the_correction_service_refuses_a_story_that_is_only_scheduled(editor, scheduled):
    """Corrections go "only to a story that has been published" (desk/services.py can_correct). A story
    scheduled for this afternoon has status `published` but has never been out; correction_add accepts a
    note on it, so the story goes live carrying a "Correction" dated hours before its own publication,
    telling readers it once said something it never said."""
    with pytest.raises(PermissionDenied):
        correction_add(article=scheduled, kind=Correction.Kind.CORRECTION, text="We misnamed the minister.", by=editor)


def test_the_story_form_offers_no_correction_rows_on_a_scheduled_story(editor_client, scheduled):
    """The desk form of a scheduled story takes a correction through its inline (saved with a 302) where it
    should refuse it: the fix belongs in the text, which nobody has read yet."""
    response = editor_client.post(
        change_url(scheduled), note_form(scheduled, ("correction", "We misnamed the minister.")),
    )
    assert response.status_code in (200, 302)
    assert not Correction.objects.filter(article=scheduled).exists()

