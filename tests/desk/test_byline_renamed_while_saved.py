"""An editor's name corrected on their account while they save a published story that carries their byline: one
waits for the other and both go through, rather than PostgreSQL killing one."""
import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article
from tests.desk.helpers import change_url, edit_form
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import browser_of, form_values, while_held

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def test_a_name_corrected_while_its_editor_saves_their_bylined_story_waits_and_both_go_through():
    ana = UserFactory(username="ana", first_name="Ana", last_name="Popsecu", role="Editor")
    story = ArticleFactory(published=True, authors=[ana], headline="Port strike enters second week")
    site_admin, desk = browser_of(UserFactory(username="root", is_superuser=True)), browser_of(ana)
    account = reverse("admin:auth_user_change", args=[ana.pk])
    page = site_admin.get(account).text

    saved, outcome = while_held(
        lambda: desk.post(change_url(story), edit_form(story, headline="Port strike enters third week")),  # Ana's save
        lambda: site_admin.post(account, form_values(page, last_name="Popescu")),  # meanwhile, the correction
    )

    assert saved.status_code == 302
    assert "error" not in outcome and outcome["returned"].status_code == 302
    assert Article.objects.get(pk=story.pk).headline == "Port strike enters third week"
    ana.refresh_from_db()
    assert ana.last_name == "Popescu"
