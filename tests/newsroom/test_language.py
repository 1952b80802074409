"""LANGUAGE_CODE is the newsroom's language: every page says so, as its metadata and the news sitemap do, and
a right-to-left language is written right to left."""
import pytest

from tests.factories import ArticleFactory
from tests.planning.helpers import print_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "direction"), [("fr", "ltr"), ("en-gb", "ltr"), ("ar", "rtl")])
def test_pages_declare_the_newsrooms_language_and_its_direction(client, editor, settings, code, direction):
    settings.LANGUAGE_CODE = code
    story = ArticleFactory(published=True, headline="Grève au port")
    for url in ["/", story.get_absolute_url(), "/search/?q=port"]:
        page = client.get(url).content.decode()
        assert f'<html lang="{code}" dir="{direction}">' in page, (url, page[:80])
    client.force_login(editor)
    assert f'<html lang="{code}" dir="{direction}">' in client.get(print_url()).content.decode()  # the board, printed
