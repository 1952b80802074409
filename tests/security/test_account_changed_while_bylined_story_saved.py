"""An editor's account corrected or deleted by a site admin while the editor saves a published story under their
byline: one waits for the other and both go through, rather than PostgreSQL killing one of them (people/locks.py)."""
import pytest
from django.contrib.auth import get_user_model
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


def while_ana_saves_her_story(site_admins_change, *, waits=True):
    """Ana's save of her bylined story holds it; meanwhile `site_admins_change(site_admin, ana)`. Both go through."""
    ana = UserFactory(username="ana", first_name="Ana", last_name="Popsecu", role="Editor")
    story = ArticleFactory(published=True, authors=[ana], headline="Port strike enters second week")
    site_admin, desk = browser_of(UserFactory(username="root", is_superuser=True)), browser_of(ana)
    change = site_admins_change(site_admin, ana)
    saved, outcome = while_held(
        lambda: desk.post(change_url(story), edit_form(story, headline="Port strike enters third week")), change, waits=waits,
    )
    assert saved.status_code == 302 and Article.objects.get(pk=story.pk).headline == "Port strike enters third week"
    assert "error" not in outcome and outcome["returned"].status_code == 302
    return ana


def test_a_name_corrected_while_its_editor_saves_their_bylined_story_waits_and_both_go_through():
    def correct_her_name(site_admin, ana):
        account = reverse("admin:auth_user_change", args=[ana.pk])
        page = site_admin.get(account).text
        return lambda: site_admin.post(account, form_values(page, last_name="Popescu"))

    ana = while_ana_saves_her_story(correct_her_name)
    ana.refresh_from_db()
    assert ana.last_name == "Popescu"


def test_an_account_deleted_while_its_editor_saves_their_bylined_story_waits_and_both_go_through():
    def delete_her_account(site_admin, ana):
        return lambda: site_admin.post(reverse("admin:auth_user_delete", args=[ana.pk]), {"post": "yes"})

    ana = while_ana_saves_her_story(delete_her_account, waits=False)
    assert not get_user_model().objects.filter(pk=ana.pk).exists()
