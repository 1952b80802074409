"""Uncached, an API list of 20 stories costs at most 4 queries, whatever the tags, bylines and photos."""
import pytest
from django.core.cache import cache

from serving.pagecache import STATUS_HEADER
from tests.api.helpers import API
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory, UserFactory


def newsroom(stories: int):
    sections = [SectionFactory(slug=f"desk-{n}", name=f"Desk {n}") for n in range(4)]
    authors = UserFactory.create_batch(3)
    photo = PhotoFactory()
    for n in range(stories):
        ArticleFactory(
            published=True, section=sections[n % 4], tags=["Syria", f"Topic {n % 5}", f"Place {n}"],
            authors=authors[: 1 + n % 3], lead_photo=photo if n % 2 else PhotoFactory(),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("stories", [3, 30])
def test_a_list_of_20_stories_costs_at_most_four_queries(client, stories, django_assert_max_num_queries):
    """The schedule check (the clock cap: stories, live entries and updates in one query), and the stories with
    their sections, lead photos with agencies, tags and bylines. The domain list is in each process's memory in
    steady state."""
    from domains.cache import domain_table

    newsroom(stories)
    cache.clear()
    domain_table()
    with django_assert_max_num_queries(4):
        response = client.get(f"{API}/stories?limit=20")
    assert response.status_code == 200 and response[STATUS_HEADER] == "miss"
    assert len(response.json()["items"]) == min(stories, 20)


@pytest.mark.django_db
def test_with_nothing_cached_a_list_of_20_costs_four_queries(client, settings, django_assert_max_num_queries):
    """As `make bench` serves it with no cache of any kind: the host check's two queries (the domains; the
    site's name with its links), the clock's, and the stories with their tags and bylines."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.DOMAIN_CACHE_SECONDS = 0
    newsroom(30)
    with django_assert_max_num_queries(4):
        response = client.get(f"{API}/stories?limit=20")
    assert response.status_code == 200 and response[STATUS_HEADER] == "miss"
    assert len(response.json()["items"]) == 20


@pytest.mark.django_db
def test_a_cached_list_costs_no_query(client, django_assert_num_queries):
    from domains.cache import domain_table

    newsroom(20)
    client.get(f"{API}/stories")
    domain_table()
    with django_assert_num_queries(0):
        assert client.get(f"{API}/stories")[STATUS_HEADER] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/changes?limit=20", "/tags", "/authors", "/sections"])
def test_the_other_lists_cost_a_few_queries_whatever_their_size(client, url, django_assert_max_num_queries):
    """The changes feed reads its three sources (live, expired, removed); the others one query each; and the
    clock its one (stories, live entries and updates)."""
    from domains.cache import domain_table

    newsroom(30)
    cache.clear()
    domain_table()
    with django_assert_max_num_queries(4):
        assert client.get(API + url).status_code == 200


@pytest.mark.django_db
def test_one_story_costs_at_most_five_queries(client, django_assert_max_num_queries):
    """The schedule check (one: stories, live entries and updates), the story with section, lead photo, bylines
    and tags, body photos, corrections (only when it has some) and the section tree (its trail's sections are
    in its cache tags)."""
    from domains.cache import domain_table
    from tests.factories import ArticlePhotoFactory, CorrectionFactory

    newsroom(5)
    story = ArticleFactory(published=True, tags=["Syria", "Turkey"], authors=UserFactory.create_batch(2), lead_photo=PhotoFactory())
    ArticlePhotoFactory.create_batch(3, article=story)
    CorrectionFactory.create_batch(2, article=story)
    cache.clear()
    domain_table()
    with django_assert_max_num_queries(5):
        response = client.get(f"{API}/stories/{story.pk}")
    assert len(response.json()["photos"]) == 4 and len(response.json()["corrections"]) == 2
