"""A reschedule of a scheduled update a colleague deleted meanwhile is refused, and the update stays deleted."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from live.models import ScheduledUpdate
from live.updates import story_text, update_schedule
from tests.factories import ArticleFactory, UserFactory


@pytest.mark.django_db
def test_a_reschedule_of_an_update_deleted_meanwhile_is_refused_and_does_not_bring_it_back():
    """update_schedule with a copy read before the row was deleted: its `stored is None` refuses it. Without that
    check (`or (stored is not None and any(stored))`), the copy's save found no row to update and inserted one with
    its old id: the deleted update came back, and went out at its new time."""
    editor = UserFactory(role="Editor")
    article = ArticleFactory(published=True, headline="Old headline")
    update = ScheduledUpdate.objects.create(article=article, headline="Planned", body="<p>planned</p>", created_by=editor,
                                            publish_at=timezone.now() + timedelta(hours=1), base=story_text(article))
    ScheduledUpdate.objects.filter(pk=update.pk).delete()  # a colleague deletes it while the form is open
    with pytest.raises(ValidationError, match="no longer scheduled"):
        update_schedule(article=article, by=editor, update=update, at=timezone.now() + timedelta(hours=2),
                        headline="Planned, later")
    assert not ScheduledUpdate.objects.exists(), "the deleted update came back"
