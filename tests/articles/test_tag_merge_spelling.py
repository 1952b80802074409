"""Found in review (articles/tag_merge.py, merge_tags): the tag to merge into is `name__iexact=name` `.first()`, the
oldest of the tags spelt alike whatever the case, never the one spelt as typed. The module's own example,
merging "Ports" and "ports" into "Ports", leaves every story tagged "ports" when "ports" is the older tag: the
spelling the editor typed, chosen and named on the page, is the one that disappears from every story."""
import pytest
from taggit.models import Tag

from tests.factories import ArticleFactory

CHANGELIST = "/admin/taggit/tag/"


@pytest.mark.django_db
def test_merging_ports_and_ports_into_ports_keeps_the_spelling_typed(editor_client, committed):
    lower = ArticleFactory(published=True, tags=["ports"])  # the older tag, pasted lower-case long ago
    upper_tag = Tag.objects.create(name="Ports")  # the desk's spelling, made since (TAGGIT_CASE_INSENSITIVE came later)
    upper = ArticleFactory(published=True)
    upper.tags.add(upper_tag)
    assert Tag.objects.get(name="ports").pk < upper_tag.pk
    with committed():
        chosen = editor_client.post(CHANGELIST, {"action": "render_tag_form",
                                                 "_selected_action": list(Tag.objects.values_list("pk", flat=True))})
        assert chosen.status_code == 302
        assert editor_client.post(f"{CHANGELIST}merge-tags/", {"new_tag_name": "Ports"}).status_code == 302
    names = ([t.name for t in lower.tags.all()], [t.name for t in upper.tags.all()])
    assert names == (["Ports"], ["Ports"]), f"merged into “Ports” as typed, the stories carry {names}"
