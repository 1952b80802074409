"""The desk's admin site: Django's "view on site" shortcut leads only to what the person may see on the desk."""
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from articles.models import Article
from desk.models import PreviewLink
from desk.services import preview_link_create
from planning.models import CalendarFeed
from planning.services import calendar_feed_create
from tests.factories import ArticleFactory, ArticlePhotoFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db


def shortcut(model, pk) -> str:
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(model).pk, pk])


def test_the_shortcut_gives_no_secret_address_and_no_draft_slug_to_a_journalist(journalist, other_journalist, editor):
    """A preview link's page is its secret token and a desk calendar's its signed address (ids are sequential);
    another writer's draft would give away its slug. Each is a 404 for a journalist, as on the desk."""
    scoop = ArticleFactory(headline="Minister to resign on Friday", slug="minister-to-resign", authors=[editor], created_by=editor)
    link = preview_link_create(article=scoop, by=editor)
    feed = calendar_feed_create(desk=SectionFactory(slug="politics"), by=editor)
    draft = ArticleFactory(slug="hospital-chief-under-investigation", authors=[other_journalist], created_by=other_journalist)
    journalist_browser = Client()
    journalist_browser.force_login(journalist)
    for model, pk in [(PreviewLink, link.pk), (CalendarFeed, feed.pk), (Article, draft.pk), (Article, 10**30)]:
        response = journalist_browser.get(shortcut(model, pk))
        assert response.status_code == 404 and "Location" not in response, (model, response.get("Location"))
    assert journalist_browser.get(reverse("admin:view_on_site", args=["x", 1])).status_code == 404


def test_the_shortcut_still_opens_what_the_person_may_see(editor_client, journalist):
    """The change page's "View on site": an editor's story, a journalist's own draft (its preview page)."""
    story = ArticleFactory(slug="port-strike", authors=[journalist], created_by=journalist)
    assert editor_client.get(shortcut(Article, story.pk))["Location"].endswith(story.get_absolute_url())
    editor_client.force_login(journalist)
    assert editor_client.get(shortcut(Article, story.pk))["Location"].endswith(story.get_absolute_url())


@pytest.mark.parametrize("field", ["assignees", "editor"])
def test_planners_pick_an_assignments_people_by_name_and_journalists_cannot_look(editor_client, journalist, field):
    """Editors may not browse the user admin: the people on an assignment are offered to whoever may change
    assignments, by name among active accounts (never by e-mail), as bylines are."""
    from tests.factories import UserFactory

    UserFactory(username="mkaya", first_name="Mert", last_name="Kaya", email="mert.private@example.org", role="Journalist")
    UserFactory(username="gone", first_name="Mert", last_name="Aydin", is_active=False, role="Journalist")

    def look(term):
        return editor_client.get(reverse("admin:autocomplete"), {
            "app_label": "planning", "model_name": "assignment", "field_name": field, "term": term,
        })

    assert [r["text"] for r in look("Mert").json()["results"]] == ["Mert Kaya"]
    assert look("private@example").json()["results"] == []
    editor_client.force_login(journalist)
    assert look("Mert").status_code == 403


def test_every_view_on_site_link_on_a_storys_desk_page_leads_somewhere(editor_client):
    """The story's own, and none for a row shown only inside it (a correction: no admin of its own to check
    it against, so the shortcut gave a 404). The story's link already leads to the correction."""
    story = ArticleFactory(published=True)
    CorrectionFactory(article=story)
    ArticlePhotoFactory(article=story)
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    links = re.findall(r'href="(/admin/r/[^"]+)"', page)
    assert links == [shortcut(Article, story.pk)]
    assert editor_client.get(links[0]).status_code == 302


def test_the_session_check_gives_a_desk_user_the_token_and_sends_anyone_else_to_the_login(client, journalist):
    """What the desk's forms ask before sending typed text (static/js/keep-typed.js)."""
    url = reverse("admin:session")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    client.force_login(journalist)
    assert client.get(url).json()["csrf"]
