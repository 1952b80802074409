"""An editor changes a section's slug ("politics" to "politics-and-power"). Its page and feeds send readers on to
the new address (Section.former_slugs), but an app or a partner's widget that lists the section's stories through
the API (`/api/v1/stories?section=politics`, a setting typed once) got an empty list from then on, with nothing to
say why: the section's stories vanished from it, until another section takes the old slug."""
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from serving.pagecache import STATUS_HEADER
from tests.api.helpers import API, ids
from tests.articles.helpers import NOW
from tests.factories import ArticleFactory, SectionFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def rename_slug(client, section, slug):
    change = reverse("admin:articles_section_change", args=[section.pk])
    response = client.post(change, form_values(client.get(change).content.decode(), slug=slug))
    assert response.status_code == 302


def test_an_apps_list_of_a_section_under_its_old_slug_keeps_its_stories(editor_client, committed):
    app = Client()
    news = SectionFactory(slug="news", name="News")
    politics = SectionFactory(slug="politics", name="Politics", parent=news)
    story = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW - timedelta(hours=1), section=politics)
    url = f"{API}/stories?section=politics"
    assert ids(app.get(url)) == [story.pk]
    assert app.get(url)[STATUS_HEADER] == "hit"  # kept, as apps had it

    with committed():
        rename_slug(editor_client, politics, "politics-and-power")

    assert ids(app.get(url)) == [story.pk], "the app's list of the section went empty"

    with committed():  # a new section takes the old slug: the old address is its own from then on
        SectionFactory(slug="politics", name="Politics (new desk)")
    assert ids(app.get(url)) == []
