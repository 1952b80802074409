"""A journalist's desk home, heard through a screen reader's list of links."""
import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AssignmentFactory


@pytest.mark.django_db
def test_each_open_the_story_link_on_the_desk_home_names_its_assignment(journalist, client):
    """With two assignments written, the home's two "Open the story" links say which story each opens (as "Write the
    story" does): a screen reader's list of links read "Open the story" twice, with nothing to tell them apart."""
    lines = {}
    for working_headline in ("Port strike enters second week", "Council votes on ferry fares"):
        story = ArticleFactory(authors=[journalist])
        AssignmentFactory(working_headline=working_headline, story=story, assignees=[journalist])
        lines[working_headline] = reverse("admin:articles_article_change", args=[story.pk])
    client.force_login(journalist)
    home = client.get(reverse("admin:index")).text
    for working_headline, story_url in lines.items():
        link = re.search(rf'<a href="{re.escape(story_url)}">(.*?)</a>', home, re.S)
        assert link, story_url
        assert "Open the story" in link.group(1) and working_headline in link.group(1)
