"""A story's address names its id as links write it: "/story/01/…" or "/story/001/…" is no story's address. Each
spelling rendered the whole story page again under a page-cache key of its own."""
import pytest

from tests.factories import ArticleFactory


@pytest.mark.django_db
@pytest.mark.parametrize("zeros", ["0", "00", "000000"])
def test_a_story_id_with_a_leading_zero_is_a_404(client, zeros):
    """The costliest reader page (trail, photos, related stories) could be rendered afresh at every request, past
    the page cache, during a breaking story: /story/01/<slug>/, /story/001/<slug>/… all answered 200."""
    article = ArticleFactory(published=True)
    assert client.get(f"/story/{article.pk}/{article.slug}/").status_code == 200
    assert client.get(f"/story/{zeros}{article.pk}/{article.slug}/").status_code == 404
    assert client.get(f"/story/{zeros}{article.pk}/").status_code == 404
