"""The story form's tag box suggests existing tags as one types (articles/static/articles/js/tag-autocomplete.js),
each written as the box reads it: a suggested "New York" picked as the only tag was saved as "New" and "York"."""
import pytest
from playwright.sync_api import expect
from taggit.models import Tag

from .helpers import log_in

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("typed", "suggested"), [
    ("New Y", '"New York"'),
    ("Syria, Pari", 'Syria, "Paris, France"'),
    ("Operat", '"Operation ""Spring"""'),
    ("Ank", "Ankara"),
])
def test_a_suggested_tag_is_written_as_the_tag_box_reads_it(page, desk_user, typed, suggested):
    for name in ("New York", "Paris, France", 'Operation "Spring"', "Ankara"):
        Tag.objects.create(name=name)
    log_in(page, desk_user("jonas", "Journalist"))
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Tags").press_sequentially(typed)
    expect(page.locator("#id_tags-suggestions option")).to_have_count(1)
    assert page.locator("#id_tags-suggestions option").get_attribute("value") == suggested
