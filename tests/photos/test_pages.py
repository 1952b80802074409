"""Photos on reader pages: figures with "caption (credit)", card thumbnails, and flat query counts."""
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.content import STORIES
from articles.models import Article
from photos.models import Photo
from tests.factories import AgencyFactory, ArticleFactory, ArticlePhotoFactory, PhotoFactory, SectionFactory, image_file


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def small_photo(**kwargs):
    return PhotoFactory(image=image_file(size=(200, 120)), **kwargs)


@pytest.mark.django_db
def test_article_page_shows_the_lead_photo_then_body_photos_in_order(client):
    lead = PhotoFactory(caption="Envoys arrive in Selvanik.", alt_text="Envoys walk past flags.")
    article = ArticleFactory(published=True, standfirst="Talks open.", lead_photo=lead)
    handout = PhotoFactory(handout=True, caption="Library caption")
    ArticlePhotoFactory(article=article, photo=PhotoFactory(staff=True, caption="Second in the column"), position=2)
    ArticlePhotoFactory(article=article, photo=handout, position=1, caption="A handout released by the ministry on Monday.")
    content = client.get(article.get_absolute_url()).content.decode()
    figures = re.findall(r"<figure class=\"figure\">.*?</figure>", content, re.S)
    captions = [re.sub(r"<[^>]+>", "", re.search(r"<figcaption.*?</figcaption>", figure, re.S).group(0)).strip() for figure in figures]
    assert captions == [
        "Envoys arrive in Selvanik. (AFP photo)",
        "A handout released by the ministry on Monday. (Via AFP)",
        "Second in the column (Staff photo: Jane Doe)",
    ]
    assert content.index("Talks open.") < content.index(figures[0]) < content.index('class="story__body"') < content.index(figures[1])
    assert 'loading="eager"' in figures[0] and 'loading="lazy"' not in figures[0]
    assert all('loading="lazy"' in figure for figure in figures[1:])
    assert 'alt="Envoys walk past flags."' in figures[0]
    assert 'width="1000" height="600"' in figures[0]
    assert f'<source type="image/webp" srcset="/photos/{lead.pk}/480.webp?v=' in figures[0]
    assert f"/photos/{lead.pk}/1000.jpg?v={lead.version} 1000w" in figures[0] and 'sizes="' in figures[0]
    assert "/media/" not in content


@pytest.mark.django_db
def test_article_page_with_five_photos_costs_what_one_costs(client):
    """The lead photo comes with the story; body photos and their agencies in one prefetch."""
    section = SectionFactory()
    one = ArticleFactory(published=True, section=section, lead_photo=small_photo())
    ArticlePhotoFactory(article=one, photo=small_photo())
    five = ArticleFactory(published=True, section=section, lead_photo=small_photo())
    for index in range(4):
        agency = AgencyFactory(short_name=f"A{index}", name=f"Agency {index}")
        ArticlePhotoFactory(article=five, photo=small_photo(agency=agency))
    client.get("/")  # warm the per-process caches (the domain list) so both counts are steady-state
    assert count_queries(client, five.get_absolute_url()) == count_queries(client, one.get_absolute_url())
    assert client.get(five.get_absolute_url()).content.decode().count("<figure") == 5


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "section", "tag"])
def test_listings_with_lead_photos_cost_the_same_for_3_or_30_stories(
    client, page, django_assert_max_num_queries, django_capture_on_commit_callbacks,
):
    section = SectionFactory(slug="world", name="World")
    photos = [small_photo(agency=AgencyFactory(short_name=f"W{n}", name=f"Wire {n}")) for n in range(3)]
    for index in range(3):
        ArticleFactory(published=True, section=section, tags=["Syria"], lead_photo=photos[index])
    url = {"home": "/", "section": reverse("articles:section", kwargs={"slug": "world"}),
           "tag": reverse("articles:tag", kwargs={"slug": "syria"})}[page]
    small = count_queries(client, url)
    with django_capture_on_commit_callbacks(execute=True):  # the stories' commit purges the cached page
        for index in range(27):
            ArticleFactory(published=True, section=section, tags=["Syria"], lead_photo=photos[index % 3])
    with django_assert_max_num_queries(small):
        content = client.get(url).content.decode()
    assert content.count('<figure class="thumb">') >= 10


@pytest.mark.django_db
def test_cards_show_the_lead_photo_thumbnail_lazily_except_the_front_lead(client):
    from datetime import timedelta

    from django.utils import timezone

    hours_ago = lambda hours: timezone.now() - timedelta(hours=hours)  # noqa: E731
    ArticleFactory(published=True, publish_at=hours_ago(1), lead_photo=small_photo(), headline="Newest")
    ArticleFactory(published=True, publish_at=hours_ago(2), lead_photo=small_photo(), headline="Older")
    ArticleFactory(published=True, publish_at=hours_ago(3), headline="No picture")
    content = client.get("/").content.decode()
    lead = content.split('aria-label="Lead story"', 1)[1].split("</section>", 1)[0]
    assert 'class="thumb"' in lead and 'loading="eager"' in lead
    latest = content.split('id="latest-heading"', 1)[1]
    assert latest.count('class="thumb"') >= 1 and 'loading="lazy"' in latest


@pytest.mark.django_db
def test_thumbnail_include_always_credits_and_can_show_the_caption_for_related_stories():
    from django.template.loader import render_to_string

    photo = small_photo(caption="Aid trucks wait at the crossing.")
    html = render_to_string("photos/includes/thumbnail.html", {"photo": photo, "show_caption": True})
    assert "Aid trucks wait at the crossing. <span class=\"figure__credit\">(AFP photo)</span>" in html
    credit_only = render_to_string("photos/includes/thumbnail.html", {"photo": photo})
    assert '<figcaption class="thumb__caption"><span class="figure__credit">(AFP photo)</span></figcaption>' in credit_only
    assert render_to_string("photos/includes/thumbnail.html", {"photo": None}).strip() == ""


@pytest.mark.django_db
def test_editor_preview_of_a_draft_shows_its_photos(editor_client):
    article = ArticleFactory(status=Article.Status.DRAFT, lead_photo=PhotoFactory(bare=True, caption="Unfinished"))
    content = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Unfinished" in content and "<picture>" in content


@pytest.mark.django_db
def test_demo_places_the_reference_photos_and_lead_photos_and_runs_twice(client):
    call_command("seed_demo", verbosity=0)
    photos = list(Photo.objects.order_by("pk").values())
    call_command("seed_demo", verbosity=0)
    assert list(Photo.objects.order_by("pk").values()) == photos
    reference = Article.objects.get(slug=STORIES[0]["slug"])
    content = client.get(reference.get_absolute_url()).content.decode()
    captions = re.findall(r'<figcaption class="figure__caption">.*?</figcaption>', content, re.S)  # not related thumbnails
    assert len(captions) == 2
    assert captions[0].endswith("(AFP photo)</span></figcaption>")
    assert "released by the Turkish Defence Ministry" in captions[1] and captions[1].endswith("(Via AFP)</span></figcaption>")
    assert Article.objects.published().filter(lead_photo__isnull=False).count() >= 5
    lead = reference.lead_photo
    assert client.get(lead.rendition_url(800, "jpg")).status_code == 200
