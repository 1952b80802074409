"""A story form saved while a colleague's button moves the same story, both from the same version, the two
requests running at once on PostgreSQL: the form's save is merged with the move, and the move is kept.

The form's request reads the story (the admin's get_object) before the colleague's move commits, then waits
for the story's lock (check_version) until it has. The merge took the colleague's fields from the locked row,
but the story's status and publication time, which the form does not carry, came from the first read: a story
withdrawn for a legal problem was back on the site, and nobody was told (found by a reviewer). Every field the
form does not carry is now taken from the locked row."""
import pytest
import reversion
from django.db import connection
from django.test import Client

from articles.models import Article
from desk.services import article_transition
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import while_held

from .helpers import change_url, edit_form

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]

Status = Article.Status


def story(**fields):
    with reversion.create_revision():
        return ArticleFactory(**fields)


@pytest.mark.parametrize("start, move, expected", [
    ({"status": Status.REVIEW}, Status.PUBLISHED, Status.PUBLISHED),  # "Publish now" while a colleague fixes a typo
    ({"published": True}, Status.WITHDRAWN, Status.WITHDRAWN),  # "Withdraw" (a legal problem) while a colleague saves
    ({"status": Status.DRAFT}, Status.REVIEW, Status.REVIEW),  # the writer submits while an editor saves
])
def test_a_save_racing_a_colleagues_button_keeps_the_move_and_the_text(start, move, expected):
    mover = UserFactory(username="mover", role="Editor")
    writer = Client()
    writer.force_login(UserFactory(username="saver", role="Editor"))
    article = story(standfirst="Dock workers stay out.", body="<p>Teh talks stalled.</p>", **start)
    stale = edit_form(article, body="<p>The talks stalled.</p>")  # opened at the same version as the button
    # The button's request: its service holds the story's row until it commits. The form's request has read the
    # story, and waits for its lock.
    _, outcome = while_held(
        lambda: article_transition(article=Article.objects.get(pk=article.pk), by=mover, to=move, note=""),
        lambda: writer.post(change_url(article), stale),
    )

    assert "error" not in outcome, outcome.get("error")
    assert outcome["returned"].status_code == 302  # merged and saved: the colleague changed no field of the form
    article.refresh_from_db()
    assert article.body == "<p>The talks stalled.</p>"  # the text typed is saved
    assert article.status == expected  # and the colleague's move is not silently undone
    assert article.version == 3  # two saves, two versions
