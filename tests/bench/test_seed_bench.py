"""`manage.py seed_bench`: the bench's synthetic newsroom, photos and credits included."""
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from PIL import Image

from articles.models import Article
from articles.models import ArticlePhoto
from photos.models import Photo
from bench.management.commands.seed_bench import ORIGINAL_SIZES

pytestmark = pytest.mark.django_db


def test_seeds_stories_with_credited_photos_that_renditions_can_be_drawn_from(client):
    call_command("seed_bench", articles=400, stdout=io.StringIO())
    assert Article.objects.count() == 400
    illustrated = Article.objects.filter(lead_photo__isnull=False).count()
    assert 0.75 * 400 < illustrated < 0.95 * 400
    assert ArticlePhoto.objects.exists()
    photos = list(Photo.objects.select_related("agency"))
    # Every photo could be published: a credit and alt text, as the desk requires.
    assert all(photo.publication_problems() == [] for photo in photos)
    assert {photo.credit_type for photo in photos} == set(Photo.CreditType)
    for photo in {(photo.image.name, photo.width, photo.height): photo for photo in photos}.values():
        with default_storage.open(photo.image.name) as original:
            assert Image.open(original).size == (photo.width, photo.height)
    assert len({photo.image.name for photo in photos}) == len(ORIGINAL_SIZES)
    lead = Article.objects.published().filter(lead_photo__isnull=False).select_related("lead_photo").first()
    assert client.get(lead.lead_photo.rendition_url(480, "webp")).status_code == 200


def test_seeded_stories_are_in_the_search_index_as_saved_ones_are(client):
    """Bulk inserts send no signal: without the index filled, the bench's search row measured a search finding nothing."""
    call_command("seed_bench", articles=40, stdout=io.StringIO())
    if connection.vendor != "postgresql":
        pytest.skip("The search index is PostgreSQL's full-text search.")
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    word = Article.objects.published().first().headline.split()[0]
    assert "search-result" in client.get(reverse("articles:search"), {"q": word}).content.decode()


def test_refuses_a_database_that_has_stories():
    call_command("seed_bench", articles=20, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("seed_bench", articles=20, stdout=io.StringIO())
