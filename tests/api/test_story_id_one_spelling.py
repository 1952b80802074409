"""One story's address in the API names its id as the API writes it: /stories/01, /stories/+1, /stories/1.0 are no
story's address. Each spelling answered 200 under a page-cache key of its own, the story's JSON built anew."""
import pytest

from tests.factories import ArticleFactory


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["0{}", "000{}", "+{}", "%20{}", "{}.0", "{}%20"])
def test_a_story_id_spelled_other_than_the_api_writes_it_is_a_404(client, settings, spelling):
    """Anyone could have every request for a story rebuilt from the database, past the app's page cache."""
    settings.API_ANONYMOUS = True
    article = ArticleFactory(published=True)
    assert client.get(f"/api/v1/stories/{article.pk}").status_code == 200
    answer = client.get("/api/v1/stories/" + spelling.format(article.pk).replace("+", "%2B"))
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/json")  # the API's own 404, not the site's page
