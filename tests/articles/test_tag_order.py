"""The trail above the headline shows the tags in the order the journalist typed them on the desk."""
import html
import re

import pytest
from django.urls import reverse
from taggit.utils import parse_tags

from articles.models import Article, Section
from articles.tag_input import edit_string_in_order, parse_tags_in_order
from tests.factories import EMPTY_INLINES, ArticleFactory, SectionFactory

ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def tag_trail(article):
    """Return the tag names of the story's trail, after its section."""
    article = Article.objects.get(pk=article.pk)
    return [name for name, url in article.trail(Section.objects.tree()) if url.startswith("/tag/")]


def tags_input(response):
    """Return the tags input's value as the browser would post it back."""
    return html.unescape(re.search(r'<input type="text" name="tags" value="([^"]*)"', response.content.decode()).group(1))


@pytest.fixture
def news(db):
    return SectionFactory(slug="news", name="News")


def new_story(section, tags, **overrides):
    return {
        "headline": "Envoys meet in Selvanik", "slug": "envoys-meet", "section": section.pk,
        "standfirst": "", "body": "<p>Talks opened.</p>", "tags": tags, "status": Article.Status.DRAFT,
        **EMPTY_INLINES, **overrides,
    }


def edit(client, article, **overrides):
    """Post the change form as the desk shows it now (the tags input included), with `overrides`."""
    article = Article.objects.get(pk=article.pk)
    shown = client.get(change_url(article))
    data = {**new_story(article.section, tags_input(shown)), "headline": article.headline,
            "slug": article.slug, "version": article.version, **overrides}
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.mark.django_db
def test_tags_typed_on_the_desk_keep_their_order_in_the_trail(journalist_client, news):
    response = journalist_client.post(ADD_URL, new_story(news, "Syria, Turkey, Russia"))
    assert response.status_code == 302
    assert tag_trail(Article.objects.get()) == ["Syria", "Turkey", "Russia"]


@pytest.mark.django_db
def test_published_story_shows_the_typed_order_above_the_headline(editor_client, client, news):
    editor_client.post(ADD_URL, new_story(news, "Syria, Turkey, Russia", desk_action="publish"))
    article = Article.objects.get()
    assert article.is_published
    trail = client.get(article.get_absolute_url()).context["trail"]
    assert [name for name, _url in trail] == ["News", "Syria", "Turkey", "Russia"]


@pytest.mark.django_db
def test_change_form_shows_the_tags_in_their_order_and_editing_other_fields_keeps_it(journalist_client, news):
    journalist_client.post(ADD_URL, new_story(news, 'Syria, Turkey, Russia, "Middle East, politics"'))
    article = Article.objects.get()
    assert tags_input(journalist_client.get(change_url(article))) == 'Syria, Turkey, Russia, "Middle East, politics"'
    edit(journalist_client, article, headline="Envoys meet again in Selvanik")
    assert Article.objects.get().headline == "Envoys meet again in Selvanik"
    assert tag_trail(article) == ["Syria", "Turkey", "Russia", "Middle East, politics"]


@pytest.mark.django_db
def test_retyping_the_tags_in_another_order_changes_the_trail(journalist_client, news):
    journalist_client.post(ADD_URL, new_story(news, "Syria, Turkey, Russia"))
    article = Article.objects.get()
    edit(journalist_client, article, tags="Russia, Syria, Iran, Turkey")
    assert tag_trail(article) == ["Russia", "Syria", "Iran", "Turkey"]
    edit(journalist_client, article, tags="Iran, Russia")
    assert tag_trail(article) == ["Iran", "Russia"]


@pytest.mark.django_db
def test_a_tag_typed_twice_in_other_cases_is_attached_once_as_first_typed(journalist_client, news):
    ArticleFactory(tags=["Syria"])  # the tag exists already: case is the existing tag's
    journalist_client.post(ADD_URL, new_story(news, "Turkey, syria, SYRIA, turkey"))
    assert tag_trail(Article.objects.get(slug="envoys-meet")) == ["Turkey", "Syria"]


@pytest.mark.parametrize(("typed", "names"), [
    ("", []),
    ("Syria, Turkey, Russia", ["Syria", "Turkey", "Russia"]),
    ("Turkey Syria", ["Turkey", "Syria"]),  # no comma: spaces separate, as in taggit
    ("New York, Syria", ["New York", "Syria"]),  # a comma: only commas separate
    ('"Middle East, politics" Syria Turkey', ["Middle East, politics", "Syria", "Turkey"]),
    ('Syria, "Middle East, politics", Turkey', ["Syria", "Middle East, politics", "Turkey"]),
    ('Syria "unclosed, quote', ["Syria", "unclosed", "quote"]),
    ('  Syria ,, , Turkey ,', ["Syria", "Turkey"]),
    ('Syria, syria, SYRIA', ["Syria"]),
])
def test_parse_tags_in_order_follows_taggits_rules_without_sorting(typed, names):
    assert parse_tags_in_order(typed) == names
    assert {name.casefold() for name in names} == {name.casefold() for name in parse_tags(typed)}


def test_edit_string_round_trips_in_order():
    names = ["Syria", "New York", "Middle East, politics", "Turkey", 'Operation "Spring"', '"']
    assert edit_string_in_order(names) == 'Syria, "New York", "Middle East, politics", Turkey, "Operation ""Spring""", """"'
    assert parse_tags_in_order(edit_string_in_order(names)) == names


def test_a_quote_written_twice_inside_quotes_is_a_quote_in_the_name():
    """Ours, not taggit's (which cannot say a quote in a name): `"a""b"` was the two tags "a" and "b"."""
    assert parse_tags_in_order('"a""b", c') == ['a"b', "c"]


@pytest.mark.django_db
def test_a_tag_longer_than_a_tag_may_be_is_a_form_error_that_keeps_the_typing(journalist_client, news):
    """Tag names hold 100 characters: a longer one is said on the form, not a server error, and nothing is lost."""
    typed = "Syria, " + "x" * 101
    response = journalist_client.post(ADD_URL, new_story(news, typed, headline="Typed headline"))
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert 'value="Typed headline"' in response.content.decode() and tags_input(response) == typed
    assert not Article.objects.exists()
    assert journalist_client.post(ADD_URL, new_story(news, "Syria, " + "x" * 100)).status_code == 302  # 100 is fine
