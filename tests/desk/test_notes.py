"""Notes and the desk's workflow: a blocking note refuses publication until resolved; preview links show
notes only when their editor ticked the box."""
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import Article
from desk.models import PreviewLink
from desk.services import article_publish, preview_link_create
from notes.services import note_add, note_resolve
from tests.desk.helpers import action_url, change_url, desk_button, edit_form
from tests.factories import ArticleFactory, UserFactory


@pytest.fixture
def story(db):
    editor = UserFactory(role="Editor")
    article = ArticleFactory(status=Article.Status.REVIEW, body="<p>Figures from the ministry.</p>")
    note = note_add(article=article, by=editor, text="Confirm the figures first", field="body", quote="Figures", blocking=True)
    return {"editor": editor, "article": article, "note": note}


def test_a_blocking_note_refuses_publication_with_a_clear_message(story):
    with pytest.raises(ValidationError) as refused:
        article_publish(article=story["article"], by=story["editor"])
    assert refused.value.messages == [
        "Not published: 1 blocking note is unresolved (“Confirm the figures first”). Resolve it first."
    ]
    assert Article.objects.get(pk=story["article"].pk).status == Article.Status.REVIEW


def test_resolving_the_note_lets_the_story_go_out(story):
    note_resolve(note=story["note"], by=story["editor"])
    article_publish(article=story["article"], by=story["editor"])
    assert Article.objects.get(pk=story["article"].pk).is_published


def test_a_non_blocking_note_does_not_hold_the_story(db):
    editor = UserFactory(role="Editor")
    article = ArticleFactory(status=Article.Status.REVIEW)
    note_add(article=article, by=editor, text="Nice lede")
    article_publish(article=article, by=editor)
    assert Article.objects.get(pk=article.pk).is_published


@pytest.mark.parametrize("action", ["publish", "schedule"])
def test_the_desk_buttons_refuse_while_a_blocking_note_is_open(story, client, action):
    client.force_login(story["editor"])
    data = {"version": story["article"].version, "note": "", "at": "2099-01-01T10:00"}
    response = client.post(action_url(story["article"], action), data)
    assert any("blocking note is unresolved" in str(m) for m in get_messages(response.wsgi_request))
    assert Article.objects.get(pk=story["article"].pk).status == Article.Status.REVIEW


def publish_from_the_form_and_expect_the_refusal(story, client) -> Article:
    """Press "Publish" with a new headline typed: the form comes back with the refusal and the typed text."""
    client.force_login(story["editor"])
    response = client.post(change_url(story["article"]), edit_form(
        story["article"], headline="A new headline typed", **desk_button("publish"),
    ))
    assert response.status_code == 200
    assert "blocking note is unresolved" in str(response.context["adminform"].form.non_field_errors())
    assert response.context["adminform"].form["headline"].value() == "A new headline typed"
    return Article.objects.get(pk=story["article"].pk)


def test_the_story_form_refuses_with_a_form_error_and_keeps_the_text(story, client):
    assert publish_from_the_form_and_expect_the_refusal(story, client).status == Article.Status.REVIEW


def test_a_blocking_note_added_while_the_save_ran_is_a_form_error_not_a_server_error(story, client, monkeypatch):
    """The form checked for blocking notes and found none; one was committed before the publish service
    looked. The save rolls back, and the form comes back with the refusal and the typed text."""
    monkeypatch.setattr("desk.forms.blocking_message", lambda article: "")  # the form's check, a moment earlier
    article = publish_from_the_form_and_expect_the_refusal(story, client)
    assert article.status == Article.Status.REVIEW and article.headline != "A new headline typed"  # nothing half-saved


def test_a_plain_save_clearing_an_expired_storys_expiry_refuses_while_a_blocking_note_is_open(story, client):
    """No button, the same rule: a save that puts the story back on the site is a publication."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    Article.objects.filter(pk=story["article"].pk).update(
        status=Article.Status.PUBLISHED, publish_at=now - timedelta(days=1), unpublish_at=now - timedelta(hours=1),
    )
    client.force_login(story["editor"])
    response = client.post(change_url(story["article"]), edit_form(story["article"], headline="Back up", unpublish_at=""))
    assert response.status_code == 200 and "1 blocking note is unresolved" in response.content.decode()
    assert not Article.objects.published().filter(pk=story["article"].pk).exists()
    assert 'value="Back up"' in response.content.decode()


def test_the_list_action_refuses_too(story, client):
    client.force_login(story["editor"])
    client.post(reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [story["article"].pk]})
    assert Article.objects.get(pk=story["article"].pk).status == Article.Status.REVIEW


def test_a_preview_link_shows_no_notes_unless_the_editor_ticked_the_box(story, client):
    hidden = preview_link_create(article=story["article"], by=story["editor"])
    assert "Confirm the figures" not in client.get(hidden.get_absolute_url()).text
    shown = preview_link_create(article=story["article"], by=story["editor"], show_notes=True)
    assert "Confirm the figures" in client.get(shown.get_absolute_url()).text


def test_the_box_on_the_desk_makes_a_link_that_shows_notes(story, client):
    client.force_login(story["editor"])
    url = reverse("admin:articles_article_preview_link_create", args=[story["article"].pk])
    client.post(url, {})
    client.post(url, {"show_notes": "on"})
    plain, with_notes = PreviewLink.objects.order_by("pk")
    client.logout()
    assert "Confirm the figures" not in client.get(plain.get_absolute_url()).text
    assert "Confirm the figures" in client.get(with_notes.get_absolute_url()).text


def test_a_scheduled_story_cannot_be_held_by_a_blocking_note_and_the_editor_is_told_how(story, client):
    """Nothing runs at a scheduled story's time to check its notes: a blocking note there is refused, typed text kept."""
    from datetime import timedelta

    from django.utils import timezone

    scheduled = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError, match="This story is scheduled"):
        note_add(article=scheduled, by=story["editor"], text="Hold it", blocking=True)
    note_add(article=scheduled, by=story["editor"], text="A plain note is fine")
    client.force_login(story["editor"])
    client.post(reverse("admin:notes_note_add_to", args=[scheduled.pk]), {"text": "Hold this one", "blocking": "on"})
    page = client.get(change_url(scheduled)).text
    assert "This story is scheduled" in page and "Hold this one" in page
    assert Article.objects.get(pk=scheduled.pk).status == Article.Status.PUBLISHED


def test_reopening_a_blocking_note_on_a_scheduled_story_is_refused(story, client):
    from datetime import timedelta

    from django.utils import timezone

    note_resolve(note=story["note"], by=story["editor"])
    Article.objects.filter(pk=story["article"].pk).update(
        status=Article.Status.PUBLISHED, publish_at=timezone.now() + timedelta(hours=1),
    )
    client.force_login(story["editor"])
    response = client.post(reverse("admin:notes_note_reopen", args=[story["note"].pk]))
    assert response.status_code == 302
    assert any("This story is scheduled" in str(m) for m in get_messages(response.wsgi_request))
    story["note"].refresh_from_db()
    assert story["note"].resolved_at is not None
