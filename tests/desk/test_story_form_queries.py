"""The story's form on the desk costs the same queries however many photos are in its body."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.desk.helpers import change_url
from tests.factories import AgencyFactory, ArticleFactory, ArticlePhotoFactory, PhotoFactory, SectionFactory, image_file


def add_body_photos(article, first, count):
    for index in range(first, first + count):
        photo = PhotoFactory(image=image_file(size=(40, 30)), agency=AgencyFactory(short_name=f"W{index % 3}", name=f"Wire {index % 3}"))
        ArticlePhotoFactory(article=article, photo=photo, position=index)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "journalist"])
def test_story_form_query_count_does_not_grow_with_body_photos(request, client, role, journalist, django_assert_max_num_queries):
    """3 photos in the body or 30: each row's photo is shown from the rows' own query, not looked up one by one."""
    user = request.getfixturevalue(role)
    story = ArticleFactory(section=SectionFactory(slug="news"), authors=[journalist], tags=["Syria", "Turkey"])
    add_body_photos(story, 0, 3)
    client.force_login(user)
    client.get(change_url(story))  # the per-process caches (the domain list, the clock) warmed
    with CaptureQueriesContext(connection) as small:
        assert client.get(change_url(story)).status_code == 200
    add_body_photos(story, 3, 27)
    with django_assert_max_num_queries(len(small)):
        content = client.get(change_url(story)).content.decode()
    assert 'name="photo_uses-29-photo"' in content  # every row is on the page
