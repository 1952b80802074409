"""The API is cached like the pages: the page cache and front caches keep it under its cache tags, a change
purges exactly those, no copy outlives the next scheduled change, and browsers revalidate with the ETag."""
from datetime import timedelta

import pytest

from articles.models import Article
from serving.pagecache import STATUS_HEADER
from tests.api.helpers import API
from tests.articles.helpers import NOW
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.helpers import head_as_a_server_sends_it


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def live_story(**kwargs):
    return ArticleFactory(**{"status": Article.Status.PUBLISHED, "publish_at": NOW - timedelta(hours=1), **kwargs})


@pytest.mark.django_db
def test_an_unchanged_response_is_a_304_for_its_etag(client):
    story = live_story()
    for url in [f"{API}/stories", f"{API}/stories/{story.pk}", f"{API}/sections", f"{API}/tags", f"{API}/authors", f"{API}/changes"]:
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"], url
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert again.content == b""


@pytest.mark.django_db
def test_responses_are_kept_by_the_page_cache_and_name_their_tags(client):
    author = UserFactory()
    story = live_story(tags=["Syria"], authors=[author])
    first = client.get(f"{API}/stories")
    assert first[STATUS_HEADER] == "miss"
    assert first["Cache-Control"].startswith("public, max-age=0, must-revalidate, s-maxage=300")
    tags = first["xkey"].split()
    assert {"home", "site", f"story-{story.pk}", f"section-{story.section_id}", f"author-{author.pk}"} <= set(tags)
    assert first["Surrogate-Key"] == first["xkey"] and first["Cache-Tag"] == ",".join(tags)
    assert client.get(f"{API}/stories")[STATUS_HEADER] == "hit"
    detail = client.get(f"{API}/stories/{story.pk}")
    assert f"story-{story.pk}" in detail["xkey"].split()


@pytest.mark.django_db
def test_an_edit_of_a_listed_story_purges_the_list(client, committed):
    story = live_story(headline="Before")
    assert client.get(f"{API}/stories")[STATUS_HEADER] == "miss"
    with committed():
        story.headline = "After"
        story.save()
    response = client.get(f"{API}/stories")
    assert response[STATUS_HEADER] == "miss"
    assert response.json()["items"][0]["headline"] == "After"


@pytest.mark.django_db
def test_a_publication_purges_the_lists_and_the_changes(client, committed, settings):
    settings.API_CHANGES_SETTLE_SECONDS = 0
    live_story()
    urls = [f"{API}/stories", f"{API}/tags", f"{API}/authors", f"{API}/changes"]
    for url in urls:
        client.get(url)
        assert client.get(url)[STATUS_HEADER] == "hit"
    with committed():
        live_story(tags=["New tag"], authors=[UserFactory()])
    assert [client.get(url)[STATUS_HEADER] for url in urls] == ["miss"] * len(urls)


@pytest.mark.django_db
def test_a_byline_added_to_a_live_story_purges_the_authors(client, committed):
    story = live_story()
    client.get(f"{API}/authors")
    with committed():
        story.authors.add(UserFactory(first_name="New", last_name="Byline"))
    response = client.get(f"{API}/authors")
    assert response[STATUS_HEADER] == "miss" and response.json()[0]["name"] == "New Byline"


@pytest.mark.django_db
def test_a_draft_saved_purges_nothing(client, committed):
    live_story()
    draft = ArticleFactory()
    client.get(f"{API}/stories")
    with committed():
        draft.headline = "Still a draft"
        draft.save()
    assert client.get(f"{API}/stories")[STATUS_HEADER] == "hit"


@pytest.mark.django_db
def test_no_copy_outlives_the_next_scheduled_publication(client):
    """The clock cap: with a story due in 42 s, front caches may keep a list for 42 s, not 300."""
    live_story()
    ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOW + timedelta(seconds=42))
    response = client.get(f"{API}/stories")
    assert "s-maxage=42," in response["Cache-Control"] and "stale-while-revalidate=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_missing_story_is_cached_under_its_own_tag_until_it_is_published(client, committed):
    story = ArticleFactory(status=Article.Status.DRAFT)
    response = client.get(f"{API}/stories/{story.pk}")
    assert response.status_code == 404 and f"story-{story.pk}" in response["xkey"].split()
    with committed():
        story.status, story.publish_at = Article.Status.PUBLISHED, NOW
        story.save()
    assert client.get(f"{API}/stories/{story.pk}").status_code == 200


@pytest.mark.django_db
def test_query_parameters_the_api_does_not_read_share_one_cache_entry(client):
    live_story()
    client.get(f"{API}/stories?limit=5")
    assert client.get(f"{API}/stories?limit=5&utm_source=app&x=1")[STATUS_HEADER] == "hit"
    assert client.get(f"{API}/stories?limit=6")[STATUS_HEADER] == "miss"


@pytest.mark.django_db
def test_head_gives_the_headers_of_get_without_the_body(client):
    live_story()
    get = client.get(f"{API}/stories")
    head = client.head(f"{API}/stories")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Content-Length"] == str(len(get.content))
    assert client.post(f"{API}/stories").status_code == 405


@pytest.mark.django_db
def test_head_leaves_the_app_with_gets_length_and_no_body(client):
    """As gunicorn gets it: a body on a HEAD it logs as an error; the length is the GET's, not the empty body's."""
    live_story()
    get = client.get(f"{API}/stories")
    sent, body = head_as_a_server_sends_it(f"{API}/stories")
    assert body == b"" and sent["Content-Length"] == str(len(get.content)) and sent["ETag"] == get["ETag"]


@pytest.mark.django_db
def test_head_has_gets_etag_and_its_304_when_the_page_cache_keeps_nothing(client, settings):
    """Keyed callers' responses, a held-back changes page, or a site without the page cache: the ETag was taken
    of HEAD's empty body, so there was none."""
    settings.PAGE_CACHE_ENABLED = False
    live_story()
    get, head = client.get(f"{API}/stories"), client.head(f"{API}/stories")
    assert head["ETag"] == get["ETag"]
    assert client.head(f"{API}/stories", HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304


@pytest.mark.django_db
def test_a_new_subsection_purges_the_sections(client, committed):
    news = SectionFactory(slug="news", name="News")
    client.get(f"{API}/sections")
    assert client.get(f"{API}/sections")[STATUS_HEADER] == "hit"
    with committed():
        SectionFactory(slug="world", name="World", parent=news)
    response = client.get(f"{API}/sections")
    assert response[STATUS_HEADER] == "miss" and [s["slug"] for s in response.json()] == ["news", "world"]


@pytest.mark.django_db
def test_a_list_for_a_tag_or_section_that_names_nothing_yet_shows_the_story_once_it_does(client, committed):
    """An unknown `?tag=` or `?section=` is an empty list, not a 404, and it ends like the pages' 404s: with a
    live story tagged, or a section made or renamed to that slug."""
    news = SectionFactory(slug="news", name="News")
    coast = SectionFactory(slug="coast", name="Coast", parent=news)
    story = live_story(section=coast)
    urls = [f"{API}/stories?tag=storms", f"{API}/stories?section=shore"]
    for url in urls:
        assert client.get(url).json()["items"] == [] and client.get(url)[STATUS_HEADER] == "hit"
    with committed():
        story.tags.add("Storms")
        coast.slug, coast.name = "shore", "Shore"
        coast.save()
    for url in urls:
        assert [item["id"] for item in client.get(url).json()["items"]] == [story.pk], url


@pytest.mark.django_db
def test_a_section_moved_under_another_brings_its_stories_to_the_new_parents_lists(client, committed):
    """A section's listing shows its subsections' stories: a move changes the old and the new parent's lists,
    the API's and the pages', and purges both."""
    world, news = SectionFactory(slug="world", name="World"), SectionFactory(slug="news", name="News")
    europe = SectionFactory(slug="europe", name="Europe", parent=news)
    story = live_story(section=europe)
    urls = [f"{API}/stories?section=world&fields=id", f"{API}/stories?section=news&fields=id"]
    pages = [world.get_absolute_url(), news.get_absolute_url()]
    for url in [*urls, *pages]:
        client.get(url)
        assert client.get(url)[STATUS_HEADER] == "hit"
    with committed():
        europe.parent = world
        europe.save()
    assert [item["id"] for item in client.get(urls[0]).json()["items"]] == [story.pk]
    assert client.get(urls[1]).json()["items"] == []
    assert story.headline in client.get(pages[0]).content.decode()
    assert story.headline not in client.get(pages[1]).content.decode()
