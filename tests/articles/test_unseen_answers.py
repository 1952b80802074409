"""What an anonymous reader can learn of stories that are not public: nothing. Each hidden case of the visibility
grid answers exactly as what never existed, status, body and cache headers alike.

- A tag only unseen stories carry answers every page number (`?page=2`, `?page=zz`) as a tag that does not
  exist. Django's own "invalid page" 404 (no cache tags, `no-store`) against the cacheable 404 of an unknown
  tag told a reader that a scoop carries the tag.
- A story asked for by its id on the page, the API, its live coverage and its photo's rendition.
"""
import re
from datetime import timedelta

import pytest

from articles.models import Article
from tests.articles.helpers import CASES, NOW, make_story
from tests.factories import ArticleFactory, LiveCoverageFactory, PhotoFactory, SectionFactory

UNSEEN = [case for case in CASES if not case.values[-1]]
MISSING = 987654


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def answer(response, pk=None) -> tuple:
    """Everything a reader or a cache sees of a response, with the id asked for written as N in its cache tags."""
    tags = response.get("xkey") or ""
    if pk is not None:
        tags = re.sub(rf"-{pk}\b", "-N", tags)
    headers = {name: response.get(name) for name in ("Cache-Control", "ETag", "Content-Type", "Location", "Surrogate-Key")}
    headers["Surrogate-Key"] = tags
    return response.status_code, response.content, tags, headers


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?page=2", "?page=zz"])
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), UNSEEN)
def test_a_tag_only_unseen_stories_carry_answers_any_page_number_exactly_as_one_that_does_not_exist(
    client, frozen, query, status, publish_at, unpublish_at, visible,
):
    """/tag/<slug>/?page=2 must not tell a tag that only a draft, scheduled, withdrawn or expired story carries
    from one that does not exist (found in a review: no-store and no cache tags against the cacheable 404)."""
    ArticleFactory(published=True, headline="Neighbouring live story", section=SectionFactory(slug="politics"), tags=["Other"])
    make_story(status, publish_at, unpublish_at)  # carries the tag "Budget" (slug budget)
    scoop, unknown = client.get(f"/tag/budget/{query}"), client.get(f"/tag/no-such-tag/{query}")
    assert scoop.status_code == unknown.status_code == 404
    assert answer(scoop) == answer(unknown)


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "publish_at", "unpublish_at", "visible"), UNSEEN)
def test_an_unseen_story_answers_by_id_exactly_as_an_id_that_never_existed(
    client, frozen, settings, status, publish_at, unpublish_at, visible,
):
    """The 404 of a hidden story, its API item, its live coverage's endpoints and its lead
    photo's rendition are byte for byte, and header for header, those of an id that was never used."""
    settings.API_ANONYMOUS = True
    ArticleFactory(published=True, headline="Neighbouring live story", section=SectionFactory(slug="politics"))
    story = make_story(status, publish_at, unpublish_at)
    story.lead_photo = PhotoFactory()
    story.save()
    LiveCoverageFactory(article=story)
    photo_pk = story.lead_photo_id
    pairs = [
        (f"/story/{story.pk}/", f"/story/{MISSING}/", story.pk),
        (f"/story/{story.pk}/{story.slug}/", f"/story/{MISSING}/{story.slug}/", story.pk),
        (f"/api/v1/stories/{story.pk}", f"/api/v1/stories/{MISSING}", story.pk),
        (f"/live/{story.pk}/head.json", f"/live/{MISSING}/head.json", story.pk),
        (f"/live/{story.pk}/feed/", f"/live/{MISSING}/feed/", story.pk),
        (f"/live/{story.pk}/older/?before=5", f"/live/{MISSING}/older/?before=5", story.pk),
        (f"/photos/{photo_pk}/480.jpg", f"/photos/{MISSING}/480.jpg", photo_pk),
    ]
    for hidden, never, pk in pairs:
        got, expected = client.get(hidden), client.get(never)
        assert got.status_code == 404, hidden
        assert answer(got, pk) == answer(expected, MISSING), hidden
