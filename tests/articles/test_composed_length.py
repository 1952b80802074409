"""Found in review: plain text is composed (NFC) after its length was checked. NFC does not only shorten text:
some characters (Hebrew presentation forms, Devanagari nukta letters, which Unicode excludes from composition)
come out as two or three characters. A name the form accepted as fitting its box is then too long for the column,
and the save is PostgreSQL's DataError: a server error, where the form should have told the editor."""
import pytest
from django.db import DataError, transaction
from taggit.models import Tag

from articles.tag_merge import MergeForm, merge_tags
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SHIN = "\ufb2c"  # HEBREW LETTER SHIN WITH DAGESH AND SHIN DOT: one character typed, three once composed (NFC)


def test_a_merge_name_the_form_accepts_is_saved_not_a_server_error():
    """The merge page checks the name's length (Tag.name, 100) before clean_new_tag_name composes it: 50 such
    letters pass as 50 and are 150 in Tag.objects.create, a DataError (500) for the editor who merged."""
    story = ArticleFactory(published=True, tags=["Ports"])
    form = MergeForm({"new_tag_name": SHIN * 50})
    if not form.is_valid():
        return  # refused as too long: fine
    try:
        with transaction.atomic():
            merge_tags([Tag.objects.get(name="Ports")], form.cleaned_data["new_tag_name"])
    except DataError as error:
        pytest.fail(f"the form accepted the name, the merge failed on the database: {error}")
    assert story.tags.count() == 1


def test_a_headline_that_validated_is_saved_not_a_server_error():
    """A headline of 100 such letters passes full_clean (max_length 200) and becomes 300 characters in keep_plain's
    pre_save (security/plain_text.py): the desk's Save is a 500."""
    story = ArticleFactory(published=True)
    story.headline = SHIN * 100
    story.full_clean()  # the form's and the model's check: it fits
    try:
        with transaction.atomic():
            story.save()
    except DataError as error:
        pytest.fail(f"a headline that passed validation could not be stored: {error}")
