"""Related stories under a story: the newest live stories sharing a tag, at a fixed query cost."""
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory


def related_on_page(client, article):
    return [story.pk for story in client.get(article.get_absolute_url()).context["related"]]


def live(hours_ago, **kwargs):
    return ArticleFactory(status=Article.Status.PUBLISHED, publish_at=timezone.now() - timedelta(hours=hours_ago), **kwargs)


@pytest.mark.django_db
def test_related_stories_share_a_tag_newest_first_up_to_four_without_itself(client):
    section = SectionFactory(slug="news")
    story = live(10, section=section, tags=["Syria", "Turkey"])
    sharing = [live(hours, section=section, tags=[tag]) for hours, tag in [(1, "Syria"), (2, "Turkey"), (3, "Syria"), (4, "Turkey"), (5, "Syria")]]
    both = live(6, section=section, tags=["Syria", "Turkey"])  # shares two tags: listed once
    live(0.5, section=section, tags=["Sport"])
    assert related_on_page(client, story) == [a.pk for a in sharing[:4]]
    assert related_on_page(client, sharing[0]) == [sharing[2].pk, sharing[4].pk, both.pk, story.pk]


@pytest.mark.django_db
def test_story_without_tags_has_no_related_stories(client):
    story = live(1)
    live(2, tags=["Syria"])
    assert related_on_page(client, story) == []
    assert 'id="related-heading"' not in client.get(story.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_related_stories_are_shown_as_cards(client):
    story = live(2, tags=["Syria"])
    other = live(1, tags=["Syria"], headline="Aid convoy reaches the camps")
    related = client.get(story.get_absolute_url()).content.decode().split('id="related-heading"', 1)[1]
    assert other.headline in related and other.get_absolute_url() in related


@pytest.mark.django_db
def test_related_stories_cost_one_query(django_assert_num_queries):
    story = live(10, tags=["Syria", "Turkey"])
    for hours in range(30):
        live(hours, tags=["Syria", "Turkey", f"Tag {hours}"])
    with django_assert_num_queries(1):
        related = list(Article.objects.published().related_to(story).for_listing()[:4])
        assert [article.section.name for article in related]
