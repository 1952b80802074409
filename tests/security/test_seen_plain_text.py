"""A stale-save refusal quotes a colleague's plain text as typed, not read as HTML (found in a review)."""
import html

import pytest
from django.urls import reverse
from taggit.models import Tag

from tests.factories import UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("theirs", ["The <marquee> revival", "AT&amp;T merger"])
def test_a_refusal_quotes_a_colleagues_plain_text_name_as_they_typed_it(client, theirs):
    """A tag's name is plain text: "The <marquee> revival" (a story about old web tags) or the literal text
    "AT&amp;T merger" are names like any other, and pages show them as typed. When a colleague's rename beats
    your save, the refusal says what the row says now through security/stale_forms.SeenForm.shown_value, which
    runs every plain value through strip_tags and html.unescape as if it were HTML: the editor is told
    "The  revival" or "AT&T merger", not what the colleague typed, and may "bring it in line" wrongly."""
    tag = Tag.objects.create(name="Elections", slug="elections")
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    client.force_login(UserFactory(username="desk-one", role="Editor"))
    colleague = browser_of(UserFactory(username="desk-two", role="Editor"))
    page = opened_before_a_colleagues_save(client, url, colleague, name=theirs)
    tag.refresh_from_db()
    assert tag.name == theirs

    response = client.post(url, form_values(page, slug="elections-2027"))
    assert response.status_code == 200
    refused = html.unescape(response.content.decode())
    assert f"It now says: name: “{theirs}”" in refused
