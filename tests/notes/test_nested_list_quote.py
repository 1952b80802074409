"""A note's quoted passage taken from a nested list in the body."""
import pytest

from notes.models import Note
from tests.factories import ArticleFactory, UserFactory
from tests.notes.helpers import add_url, change_url

# CKEditor 4's nested list: the inner <ul> opens inside the outer item, right after its words.
BODY = ("<p>What the council decided:</p><ul><li>The budget for schools<ul><li>rises by four percent next year"
        "</li></ul></li><li>The bus fare stays the same</li></ul>")


@pytest.mark.django_db
def test_a_passage_across_a_nested_list_item_can_be_quoted(client):
    """An editor selects "for schools rises by four percent" in the body's editor, where the browser shows two
    list items, one under the other, and presses "Quote the selected words". The note was refused: "That passage
    is not in the body as it is saved now", the plain text the desk anchors in gluing the two items together
    ("schoolsrises", a space put only at the end of a block), as a note's context, search and word counts did."""
    editor = UserFactory(role="Editor")
    article = ArticleFactory(body=BODY)
    client.force_login(editor)
    client.post(add_url(article), {"text": "Which budget line?", "field": "body",
                                   "quote": "for schools rises by four percent"})
    assert Note.objects.filter(article=article).exists(), client.get(change_url(article)).context["notes"]["form"].errors
