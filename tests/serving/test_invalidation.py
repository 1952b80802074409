"""Any change that can alter a public page makes the cached pages stale, at once."""
import pytest
from django.core.cache import cache
from django.db import transaction
from taggit.models import Tag

from articles.models import Article
from serving.invalidation import GENERATION_KEY, current_generation
from serving.pagecache import STATUS_HEADER
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    author = UserFactory(first_name="Ada", last_name="Ekwueme")
    return ArticleFactory(published=True, headline="Harbour reopens", tags=["Ports"], authors=[author])


def change_headline(article):
    article.headline = "Harbour reopens after storm"
    article.save()


def withdraw(article):
    article.status = Article.Status.WITHDRAWN
    article.save()


def rename_section(article):
    article.section.name = "Coast"
    article.section.save()


def rename_tag(article):
    tag = Tag.objects.get(name="Ports")
    tag.name = "Harbours"
    tag.save()


def rename_author(article):
    author = article.authors.get()
    author.last_name = "Okoye"
    author.save()


CHANGES = [
    change_headline,
    withdraw,
    lambda article: article.delete(),
    rename_section,
    rename_tag,
    lambda article: article.tags.add("Storms"),
    lambda article: article.tags.remove("Ports"),
    lambda article: article.tags.clear(),
    lambda article: Tag.objects.get(name="Ports").delete(),
    lambda article: article.authors.add(UserFactory()),
    lambda article: article.authors.clear(),
    rename_author,
    lambda article: SectionFactory(slug="new-section"),
]


@pytest.mark.parametrize("change", CHANGES, ids=[
    "headline", "withdraw", "delete", "section", "tag-rename", "tag-add", "tag-remove", "tag-clear",
    "tag-delete", "byline-add", "byline-clear", "author-name", "new-section",
])
def test_changes_that_can_alter_a_page_make_cached_pages_stale(client, story, change):
    urls = ["/", story.get_absolute_url()]
    for url in urls:
        client.get(url)
        assert client.get(url)[STATUS_HEADER] == "hit"
    change(story)
    for url in urls:
        assert client.get(url)[STATUS_HEADER] != "hit"


def test_withdrawn_story_leaves_the_warm_cache_at_once(client, story):
    assert "Harbour reopens" in client.get("/").content.decode()
    withdraw(story)
    assert "Harbour reopens" not in client.get("/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_login_does_not_invalidate_the_cache(client, story, editor):
    generation = current_generation()
    client.force_login(editor)  # stamps last_login
    assert cache.get(GENERATION_KEY) == generation


def test_the_generation_is_bumped_again_when_the_transaction_commits(story, django_capture_on_commit_callbacks):
    """A reader rendering between the save and the commit must not keep the old page under the new number."""
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change_headline(story)
    after_save = cache.get(GENERATION_KEY)
    assert after_save > before
    for callback in callbacks:
        callback()
    assert cache.get(GENERATION_KEY) > after_save


@pytest.mark.django_db(transaction=True)
def test_a_save_outside_a_transaction_bumps_once_not_twice():
    """Committed already (a script, the ORM in autocommit), a save bumps once where one inside a
    transaction bumps at once and again on commit: two bumps in a row would make the next reader of
    every page wait for two renders."""
    section = SectionFactory()

    def bumps_when_created(slug):
        before = current_generation()
        Article.objects.create(headline=slug, slug=slug, section=section, status=Article.Status.PUBLISHED)
        return cache.get(GENERATION_KEY) - before

    outside = bumps_when_created("outside")
    with transaction.atomic():
        inside_before = current_generation()
        Article.objects.create(headline="inside", slug="inside", section=section, status=Article.Status.PUBLISHED)
    inside = cache.get(GENERATION_KEY) - inside_before
    assert outside == inside - 1
