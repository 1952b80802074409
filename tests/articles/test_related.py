"""Related stories under a story: the newest live stories sharing a tag, at a fixed query cost."""
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.articles.reader import visible_text
from tests.factories import AgencyFactory, ArticleFactory, PhotoFactory, SectionFactory, image_file


def related_on_page(client, article):
    """The ids of the stories under "Related stories", in page order."""
    page = client.get(article.get_absolute_url()).content.decode()
    related = page.partition('id="related-heading"')[2].partition("</aside>")[0]
    return [int(pk) for pk in re.findall(r'<h3 class="card__headline"><a href="/story/(\d+)/', related)]


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
    assert len(story.ordered_tags) == 2  # read once per page, for the trail too
    with django_assert_num_queries(1):
        related = list(Article.objects.published().related_to(story).for_listing()[:4])
        assert [article.section.name for article in related]


@pytest.mark.django_db
def test_a_story_without_tags_has_no_related_stories_and_costs_no_query(django_assert_num_queries):
    story = live(3, tags=[])
    live(1, tags=["Syria"])
    assert story.ordered_tags == []
    with django_assert_num_queries(0):
        assert list(Article.objects.published().related_to(story).for_listing()[:4]) == []


def photographed(hours_ago, tag, caption, **photo_kwargs):
    photo = PhotoFactory(image=image_file(size=(200, 120)), caption=caption, **photo_kwargs)
    return live(hours_ago, tags=[tag], lead_photo=photo)


@pytest.mark.django_db
def test_related_stories_show_their_lead_photo_with_caption_and_credit(client):
    story = live(5, tags=["Syria"])
    other = photographed(1, "Syria", "Aid trucks wait at the border crossing.", staff=True)
    content = client.get(story.get_absolute_url()).content.decode()
    related = content.split('id="related-heading"', 1)[1]
    [thumb] = re.findall(r'<figure class="thumb">.*?</figure>', related, re.S)
    assert f"/photos/{other.lead_photo.pk}/200.jpg?v=" in thumb
    caption = re.search(r'<figcaption class="thumb__caption">(.*?)</figcaption>', thumb, re.S).group(1)
    assert visible_text(caption) == "Aid trucks wait at the border crossing. (Staff photo: Jane Doe)"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/", "/tag/syria/", "section"])
def test_listing_cards_credit_their_photos_and_leave_the_caption_to_the_story(client, page):
    """Every published photo carries its credit, a card's thumbnail too; the caption is the story's to tell."""
    story = photographed(1, "Syria", "Aid trucks wait at the border crossing.")
    content = client.get(story.section.get_absolute_url() if page == "section" else page).content.decode()
    thumbs = re.findall(r'<figure class="thumb">.*?</figure>', content, re.S)
    assert thumbs and story.lead_photo.credit.startswith("(")
    for thumb in thumbs:  # the home page shows the lead story twice: first and among the latest
        caption = re.search(r'<figcaption class="thumb__caption">(.*?)</figcaption>', thumb, re.S).group(1)
        assert visible_text(caption) == story.lead_photo.credit


@pytest.mark.django_db
def test_article_page_costs_the_same_with_one_or_four_photographed_related_stories(client, warm_domains):
    """Related stories come with their photos and agencies in the one related query."""
    one = live(10, tags=["Syria"])
    photographed(1, "Syria", "Syria, picture one.")
    four = live(10, tags=["Turkey"])
    for index in range(4):
        agency = AgencyFactory(short_name=f"A{index}", name=f"Agency {index}")
        photographed(index + 1, "Turkey", f"Turkey, picture {index}.", agency=agency)

    def queries(article):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        return len(captured), response.content.decode().count('class="thumb__caption"')

    client.get("/")  # the page cache's next-scheduled-change check, read once per content generation
    (one_cost, one_captions), (four_cost, four_captions) = queries(one), queries(four)
    assert (one_captions, four_captions) == (1, 4)
    assert one_cost == four_cost


@pytest.mark.django_db
def test_a_tag_on_another_kind_of_object_with_the_same_id_does_not_make_a_story_related():
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag, TaggedItem

    from articles.models import Section

    story = live(3, tags=["Syria"])
    untagged = live(1, tags=["Turkey"])
    TaggedItem.objects.create(tag=Tag.objects.get(name="Syria"), content_type=ContentType.objects.get_for_model(Section), object_id=untagged.pk)
    assert list(Article.objects.published().related_to(story)) == []
