"""A departing editor's account deleted by a site admin while the editor saves a published story under their
byline: one waits for the other and both go through, rather than PostgreSQL killing the deletion."""
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from articles.models import Article
from tests.desk.helpers import change_url, edit_form
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import browser_of, while_held

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def test_an_account_deleted_while_its_editor_saves_their_bylined_story_waits_and_both_go_through():
    ana = UserFactory(username="ana", first_name="Ana", last_name="Popescu", role="Editor")
    story = ArticleFactory(published=True, authors=[ana], headline="Port strike enters second week")
    site_admin, desk = browser_of(UserFactory(username="root", is_superuser=True)), browser_of(ana)

    saved, outcome = while_held(
        lambda: desk.post(change_url(story), edit_form(story, headline="Port strike enters third week")),  # Ana's save
        lambda: site_admin.post(reverse("admin:auth_user_delete", args=[ana.pk]), {"post": "yes"}),  # meanwhile
        waits=False,
    )

    assert saved.status_code == 302 and Article.objects.get(pk=story.pk).headline == "Port strike enters third week"
    assert "error" not in outcome and outcome["returned"].status_code == 302
    assert not get_user_model().objects.filter(pk=ana.pk).exists()
