"""A tag whose slug would not fit its column: the story it tags is saved all the same, the tag with a slug that fits
and stays apart from the other tag's."""
import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.desk.helpers import story_form
from tests.factories import SectionFactory

ADD_URL = reverse("admin:articles_article_add")
# 99 characters; a tag may have 100.
LONG = "Who ordered the signalling contracts on the Ankara Istanbul high speed line and who signed them off"


@pytest.mark.django_db
@pytest.mark.parametrize(("existing", "typed"), [(LONG, f"{LONG}?"), (None, "ﷺ" * 6)], ids=["taken-slug", "nfkc-longer"])
def test_a_tag_whose_slug_does_not_fit_still_lets_the_story_be_saved(journalist, existing, typed):
    """A long name that slugs like a colleague's tag (a question mark apart) got taggit's "_1": 101 characters in a
    100-character column. A name NFKC makes longer (ﷺ is 18 letters) went past it too. Either save was a 500, and
    the headline, standfirst and body typed on the page were gone."""
    assert len(LONG) == 99
    if existing:
        Tag.objects.create(name=existing)
    browser = Client(raise_request_exception=False)  # as a browser meets it: a 500 page, or the form again
    browser.force_login(journalist)
    form = story_form(SectionFactory(), tags=f'"{typed}"', body="<p>Three officials signed the order.</p>")
    assert browser.post(ADD_URL, form).status_code == 302
    tag = Article.objects.get(slug=form["slug"]).tags.get()
    assert tag.name == typed and len(tag.slug) <= 100
    assert Tag.objects.filter(slug=tag.slug).count() == 1
    assert reverse("articles:tag", kwargs={"slug": tag.slug}).startswith("/tag/")  # its page has an address
