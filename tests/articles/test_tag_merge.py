"""The desk's "Merge selected tags" (articles/tag_merge.py): every page, feed, search result and API answer shows the
merged tag at once, through the page cache. taggit's own merge moved the tag rows behind every signal's back (found
in a review: readers kept the old tag until the cache expired, search never found the new one), and merging
"Ports" and "ports" into "Ports" took the tag off every story that had only "Ports"."""
import pytest
from django.test import Client
from taggit.models import Tag

from serving.pagecache import STATUS_HEADER
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]

CHANGELIST = "/admin/taggit/tag/"


@pytest.fixture
def story(db):
    return ArticleFactory(
        published=True, headline="Quay reopens after the storm", tags=["Ports"],
        section=SectionFactory(slug="coast", name="Coast"), authors=[UserFactory(first_name="Ada", last_name="Ekwueme")],
    )


@pytest.fixture
def reader():
    return Client()


def warm(reader, *urls):
    for url in urls:
        reader.get(url)
        assert reader.get(url)[STATUS_HEADER] == "hit", url


def merge_into(editor_client, committed, tags, new_name):
    """What an editor does on the desk: tick the tags, "Merge selected tags", type the new name, submit."""
    with committed():
        chosen = editor_client.post(CHANGELIST, {"action": "render_tag_form", "_selected_action": [t.pk for t in tags]})
        assert chosen.status_code == 302 and chosen["Location"].endswith("merge-tags/")
        merged = editor_client.post(f"{CHANGELIST}merge-tags/", {"new_tag_name": new_name})
        assert merged.status_code == 302


def test_the_story_page_shows_the_merged_tag(story, reader, editor_client, committed):
    """After the desk merged "Ports" into "Harbours", the story's cached page shows "Harbours" in its tag trail."""
    url = story.get_absolute_url()
    warm(reader, url)
    merge_into(editor_client, committed, [Tag.objects.get(name="Ports")], "Harbours")
    assert list(story.tags.values_list("name", flat=True)) == ["Harbours"]  # the merge itself happened
    page = reader.get(url).content.decode()
    assert 'href="/tag/harbours/"' in page and 'href="/tag/ports/"' not in page


def test_the_merged_tags_page_lists_the_story_at_once(story, reader, editor_client, committed):
    """/tag/harbours/ was a cached 404 (no story carried it); the merge gives the story that tag, and its page."""
    reader.get("/tag/harbours/")
    assert reader.get("/tag/harbours/")[STATUS_HEADER] == "hit"
    merge_into(editor_client, committed, [Tag.objects.get(name="Ports")], "Harbours")
    response = reader.get("/tag/harbours/")
    assert response.status_code == 200
    assert "Quay reopens after the storm" in response.content.decode()


def test_the_old_tags_page_is_a_404_at_once(story, reader, editor_client, committed):
    """No story carries "Ports" any more: its cached page goes, and it is the tag's 404."""
    warm(reader, "/tag/ports/")
    merge_into(editor_client, committed, [Tag.objects.get(name="Ports")], "Harbours")
    assert reader.get("/tag/ports/").status_code == 404


def test_the_api_story_carries_the_merged_tag(story, reader, editor_client, committed):
    """An app reading /api/v1/stories/<id> (cached) gets the merged tag."""
    url = f"/api/v1/stories/{story.pk}"
    warm(reader, url)
    merge_into(editor_client, committed, [Tag.objects.get(name="Ports")], "Harbours")
    assert [tag["name"] for tag in reader.get(url).json()["tags"]] == ["Harbours"]


def test_the_api_tag_list_offers_the_merged_tag(story, reader, editor_client, committed):
    """/api/v1/tags (tags at least one live story carries) lists "harbours", not "ports"."""
    warm(reader, "/api/v1/tags")
    merge_into(editor_client, committed, [Tag.objects.get(name="Ports")], "Harbours")
    assert [tag["slug"] for tag in reader.get("/api/v1/tags").json()["items"]] == ["harbours"]


def test_the_site_feed_gives_the_merged_tag_as_category(story, reader, editor_client, committed):
    """The RSS feed's item says <category>Harbours</category> after the merge."""
    warm(reader, "/feed/rss/")
    merge_into(editor_client, committed, [Tag.objects.get(name="Ports")], "Harbours")
    feed = reader.get("/feed/rss/").content.decode()
    assert "<category>Harbours</category>" in feed and "<category>Ports</category>" not in feed


def test_search_by_the_merged_tags_name_finds_the_story(story, reader, editor_client, committed):
    """Searching "Harbours" (the story's only tag now) finds it: the merge refreshes the search index."""
    merge_into(editor_client, committed, [Tag.objects.get(name="Ports")], "Harbours")
    assert "Quay reopens after the storm" in reader.get("/search/?q=Harbours").content.decode()


def names(article):
    return [tag.name for tag in article.tags.all()]


def choose(editor_client, tags):
    """"Merge selected tags" on the ticked tags: the merge page is next."""
    chosen = editor_client.post(CHANGELIST, {"action": "render_tag_form", "_selected_action": [t.pk for t in tags]})
    assert chosen.status_code == 302


def test_merging_into_one_of_the_chosen_tags_keeps_it_on_every_story(story, editor_client, committed):
    """"Ports" and "Harbours" merged into "Ports": taggit's merge took "Ports" off the stories that had only it."""
    only_harbours = ArticleFactory(published=True, tags=["Harbours"])
    both = ArticleFactory(published=True, tags=["Syria", "Harbours", "Turkey", "Ports"])
    merge_into(editor_client, committed, list(Tag.objects.filter(name__in=["Ports", "Harbours"])), "ports")
    assert (names(story), names(only_harbours), names(both)) == (["Ports"], ["Ports"], ["Syria", "Ports", "Turkey"])


def test_a_merged_tag_keeps_its_place_in_the_trail(story, editor_client, committed):
    trail = ArticleFactory(published=True, tags=["Syria", "Ports", "Turkey"])
    merge_into(editor_client, committed, [Tag.objects.get(name="Ports")], "Harbours")
    assert names(trail) == ["Syria", "Harbours", "Turkey"]
    assert story.tags.get().slug == "harbours"


@pytest.mark.parametrize("typed", ["   ", "x" * 101])
def test_a_name_refused_is_told_on_the_merge_page_with_what_was_typed(story, editor_client, typed):
    choose(editor_client, [Tag.objects.get(name="Ports")])
    page = editor_client.post(f"{CHANGELIST}merge-tags/", {"new_tag_name": typed})
    assert page.status_code == 200 and page.context["form"].errors["new_tag_name"]
    assert f'value="{typed}"' in page.content.decode() and "<li>Ports</li>" in page.content.decode()
    assert names(story) == ["Ports"]


def test_a_tag_deleted_since_it_was_chosen_is_told_not_a_server_error(story, editor_client, committed):
    gone = Tag.objects.create(name="Quays")
    choose(editor_client, [gone, Tag.objects.get(name="Ports")])
    gone.delete()
    page = editor_client.get(f"{CHANGELIST}merge-tags/")
    assert "A tag you chose was deleted since" in page.content.decode() and "<li>Ports</li>" in page.content.decode()
    Tag.objects.filter(name="Ports").delete()
    with committed():
        page = editor_client.post(f"{CHANGELIST}merge-tags/", {"new_tag_name": "Harbours"})
    assert page.status_code == 200 and "No tag is chosen any more" in page.content.decode()
    assert not Tag.objects.filter(name="Harbours").exists()
