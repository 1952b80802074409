"""Uncached, reader pages stay within a fixed number of queries, whatever the size of the newsroom."""
import pytest
from django.core.cache import cache
from django.urls import reverse

from serving.pagecache import STATUS_HEADER
from tests.factories import ArticleFactory, SectionFactory, UserFactory

# The budgets, on an empty page cache with the per-process domain list loaded (as it is in steady
# state), each one lower since the clock asks all its sources in one query. The section tree is read once per
# request, for the page and the menu alike. Article: schedule check, story with section and lead photo,
# bylines, corrections and body photos (when it has them), section tree, tags, related stories. Home:
# schedule, section tree, latest, latest per section, their rows.
BUDGETS = {"article": 7, "home": 9, "section": 7, "tag": 7}


def build_newsroom(stories: int):
    """A newsroom of `stories` stories over nested sections, each with several tags and bylines."""
    news = SectionFactory(slug="news", name="News")
    sections = [news] + [SectionFactory(slug=f"desk-{n}", name=f"Desk {n}", parent=news if n % 2 else None) for n in range(6)]
    authors = UserFactory.create_batch(4)
    articles = [
        ArticleFactory(published=True, section=sections[n % len(sections)], tags=["Syria", f"Topic {n % 7}", f"Place {n}"],
                       authors=authors[: 1 + n % 3])
        for n in range(stories)
    ]
    articles[0].tags.add(*[f"Extra {n}" for n in range(stories // 2)])
    return articles[0]


@pytest.mark.django_db
@pytest.mark.parametrize("stories", [3, 40])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_uncached_page_stays_within_its_query_budget(client, page, stories, django_assert_max_num_queries):
    from domains.cache import domain_table

    lead = build_newsroom(stories)
    url = {
        "home": "/",
        "section": reverse("articles:section", kwargs={"slug": "news"}),
        "tag": reverse("articles:tag", kwargs={"slug": "syria"}),
        "article": lead.get_absolute_url(),
    }[page]
    cache.clear()
    domain_table()
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(url)
    assert response.status_code == 200
    assert response[STATUS_HEADER] == "miss"


@pytest.mark.django_db
def test_a_story_with_nothing_cached_at_all_costs_nine_queries(client, settings, django_assert_num_queries):
    """Every cache a DummyCache, the domain list read per request (as `make bench`'s "nothing cached" row):
    the domains, and the site's name with its platform links (2, once for the whole request), the clock (1: the stories'
    schedule, live entries and scheduled updates in one UNION), the story with its section, lead photo, live coverage
    and whether it has corrections or body photos, bylines, the section tree, tags, related stories, and the
    alert banner (whether any alert is unexpired). A story without corrections or body photos reads neither."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.DOMAIN_CACHE_SECONDS = 0
    story = build_newsroom(3)
    with django_assert_num_queries(9):
        assert client.get(story.get_absolute_url()).status_code == 200
