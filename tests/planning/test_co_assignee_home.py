"""Two reporters on one budget line, one of whom writes the story."""
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AssignmentFactory


@pytest.mark.django_db
def test_the_second_reporter_on_a_line_can_open_the_story_their_desk_home_links_to(journalist, other_journalist, client):
    """Jo and Al are both on "port-strike"; Jo writes the story. Al's desk home offered "Open the story", which
    ended on the desk's index with "… doesn't exist. Perhaps it was deleted?" (a journalist opens only the stories
    they write): it names the writer instead."""
    story = ArticleFactory(authors=[journalist])
    AssignmentFactory(slug="port-strike", story=story, assignees=[journalist, other_journalist])
    client.force_login(other_journalist)
    story_url = reverse("admin:articles_article_change", args=[story.pk])
    home = client.get(reverse("admin:index")).text
    assert story_url not in home and "Written by" in home
    assert str(journalist.get_full_name() or journalist.get_username()) in home.split("Written by", 1)[1][:200]
    client.force_login(journalist)
    assert story_url in client.get(reverse("admin:index")).text  # the writer opens it
