"""Hunt (wrong rendering): a tag name holding a double quote is written into the story form's tag input in a
form the input cannot read back, so an untouched save replaces the tag with others."""
import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.factories import ArticleFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_a_story_keeps_a_tag_whose_name_holds_quotes_when_it_is_saved_unchanged(editor_client):
    """An editor renames a tag in the tag admin to `Operation "Spring"` (allowed there). The story form's tag
    input prints it as `"Operation "Spring""` (articles/tag_input.edit_string_in_order wraps names with a
    space or comma in quotes without escaping the quotes inside), which parse_tags_in_order reads as the two
    tags "Operation" and "Spring". The next desk save of any story carrying the tag, with the tags untouched,
    drops it from the story (its tag page, feed, trail and related stories) and attaches two new tags."""
    article = ArticleFactory(tags=["Spring offensive"])
    tag = Tag.objects.get()
    tag_url = reverse("admin:taggit_tag_change", args=[tag.pk])
    response = editor_client.post(tag_url, form_values(editor_client.get(tag_url).text, name='Operation "Spring"', _save="Save"))
    assert response.status_code == 302

    story_url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.post(story_url, form_values(editor_client.get(story_url).text, _save="Save"))
    assert response.status_code == 302
    assert list(Article.objects.get(pk=article.pk).tags.values_list("name", flat=True)) == ['Operation "Spring"']
