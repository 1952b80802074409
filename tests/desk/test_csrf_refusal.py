"""A desk save refused by the CSRF check gives back what was typed, when the post came from the desk itself."""
import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from articles.models import Article
from tests.desk.helpers import change_url
from tests.factories import ArticleFactory
from tests.helpers import form_values

TYPED = "The minister resigned at 14:05, an hour after the vote, saying only that she had been misled."


@pytest.fixture
def refused(journalist):
    """The story form open; the CSRF cookie changes under it (a login in another tab, the cookie cleared)."""
    story = ArticleFactory(status=Article.Status.DRAFT, authors=[journalist], body="<p>Draft.</p>")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(journalist)
    page = browser.get(change_url(story)).content.decode()
    browser.cookies["csrftoken"] = _get_new_csrf_string()

    def post(origin):
        return browser.post(change_url(story), form_values(page, body=f"<p>{TYPED}</p>", _continue="Save"), HTTP_ORIGIN=origin)
    return post


@pytest.mark.django_db
def test_a_story_save_refused_by_the_csrf_check_gives_the_text_back(refused):
    """Django's own page answered: a bare "CSRF verification failed", the rewritten body gone."""
    response = refused("http://testserver")
    assert response.status_code == 403
    page = response.content.decode()
    assert TYPED in page and "nothing was saved" in page and "reload the page" in page


@pytest.mark.django_db
def test_a_forged_post_from_another_site_is_shown_nothing_it_sent(refused):
    """The page a forged post lands on must not carry the forger's words under the desk's masthead."""
    response = refused("https://forger.example")
    assert response.status_code == 403 and TYPED not in response.content.decode()
