"""A tag address carrying a NUL character (`%00`, as scanners send) is the tag page's 404, not a server error."""
import pytest

from tests.factories import ArticleFactory


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tag/budget%00/", "/tag/%00/", "/tag/budget%00/feed/rss/", "/tag/budget%00/feed/atom/"])
def test_a_nul_in_a_tag_address_answers_as_a_tag_that_does_not_exist(client, url):
    """PostgreSQL refuses a NUL in a query: asking it for such a slug was a 500, logged and alerted on as one."""
    ArticleFactory(published=True, tags=["Budget"])
    client.raise_request_exception = False
    answer, unknown = client.get(url), client.get(url.replace("budget%00", "no-such-tag").replace("%00", "no-such-tag"))
    assert answer.status_code == 404
    assert answer.content == unknown.content
    for name in ("xkey", "Cache-Control"):
        assert answer.get(name) == unknown.get(name), name
