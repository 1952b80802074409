"""Found in review (desk/forms.py, ArticleAdminForm._post_clean): "a time typed is acted on or refused" compares the
panel's publication-time box with the time *stored now*, not with the time the form *showed*. The box is filled
with the scheduled time when the form opens and posted back by every save. A colleague who reschedules the story
meanwhile (the schedule board: legal moved the embargo) makes every plain save of the open form a refusal, on
a box its editor never touched, saying "press Schedule to publish the story at it": pressing it, as told, puts
the story back at the old time, over the colleague's hold. A colleague's change meanwhile is otherwise merged
(the stale form's merge), not refused."""
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from desk.services import article_publish
from tests.factories import ArticleFactory

from .helpers import change_url, edit_form, local_input

pytestmark = pytest.mark.django_db


def test_a_time_shown_and_not_touched_does_not_refuse_a_save_after_a_colleagues_reschedule(editor_client, editor):
    now = timezone.now().replace(microsecond=0)
    first_time, held_until = now + timedelta(hours=2), now + timedelta(hours=6)
    story = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=first_time)
    # The form as opened: the box shows 2 hours on, and its hidden twin the moment shown.
    opened = edit_form(story, desk_at=local_input(first_time), **{"initial-desk_at": timezone.localtime(first_time).isoformat()})

    story.refresh_from_db()
    article_publish(article=story, by=editor, at=held_until)  # a colleague, on the schedule board
    response = editor_client.post(change_url(story), {**opened, "tags": "Economy"})

    story.refresh_from_db()
    errors = response.context["adminform"].form.errors if response.status_code == 200 else {}
    assert response.status_code == 302, errors
    assert story.publish_at == held_until and [tag.name for tag in story.tags.all()] == ["Economy"]
