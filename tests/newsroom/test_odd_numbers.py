"""Numbers in addresses are checked as int() reads them: str.isdigit() also accepts "²", which int() refuses,
so each place that checked with it and then converted answered 500."""
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, LiveCoverageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    lambda: f"{ArticleFactory(published=True).section.get_absolute_url()}?page=²",
])
def test_reader_addresses(url):
    assert Client(raise_request_exception=False).get(url()).status_code in (200, 404)


@pytest.mark.parametrize("url", [
    lambda: reverse("admin:photos_photo_credit_line") + "?credit_type=agency&agency=²",
    lambda: reverse("admin:articles_article_add") + "?assignment=²",
    lambda: f"/admin/live/livecoverage/{LiveCoverageFactory().pk}²/change/",
])
def test_desk_addresses(editor_client, url):
    editor_client.raise_request_exception = False
    assert editor_client.get(url()).status_code in (200, 404)
