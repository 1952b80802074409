"""Notes on the desk, through HTTP: threads, anchors, replies, resolve and reopen, mentions, who may do what."""
import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from notes.models import DeskMember, Note
from notes.services import note_add
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.notes.helpers import add_url, change_url

BODY = "<p>The minister, Jo Park, denied the report on Tuesday.</p><p>Her office said the figures were wrong.</p>"


@pytest.fixture
def desk(db):
    writer = UserFactory(username="kim", role="Journalist", email="kim@newsroom.example")
    article = ArticleFactory(body=BODY, authors=[writer], section=SectionFactory(slug="politics"))
    return {"writer": writer, "editor": UserFactory(username="ed", role="Editor"), "article": article,
            "stranger": UserFactory(username="lou", role="Journalist")}


def test_an_editor_leaves_a_note_anchored_to_a_quoted_passage(desk, client):
    client.force_login(desk["editor"])
    response = client.post(add_url(desk["article"]), {"text": "Source?", "field": "body", "quote": "denied the report"})
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.field, note.quote, note.prefix, note.suffix) == ("body", "denied the report", "The minister, Jo Park, ", " on Tuesday. Her office said the")
    page = client.get(change_url(desk["article"])).text
    assert "<mark>denied the report</mark>" in page and "Source?" in page


def test_a_quote_not_in_the_text_is_refused_and_the_note_comes_back_with_the_error(desk, client):
    client.force_login(desk["editor"])
    client.post(add_url(desk["article"]), {"text": "Typed with care", "field": "body", "quote": "not in the story"})
    assert not Note.objects.exists()
    form = client.get(change_url(desk["article"])).context["notes"]["form"]
    assert form["text"].value() == "Typed with care"
    assert "not in the body as it is saved now" in str(form.errors["quote"])


def test_an_empty_note_gets_a_form_error(desk, client):
    client.force_login(desk["editor"])
    client.post(add_url(desk["article"]), {"text": "  ", "field": "headline"})
    assert not Note.objects.exists()
    assert client.get(change_url(desk["article"])).context["notes"]["form"].errors["text"]


def test_replies_resolve_and_reopen(desk, client):
    note = note_add(article=desk["article"], by=desk["editor"], text="Check the day", field="body", quote="on Tuesday")
    client.force_login(desk["writer"])
    client.post(reverse("admin:notes_note_reply", args=[note.pk]), {"text": "Checked: it was Tuesday."})
    assert note.replies.get().author == desk["writer"]
    client.post(reverse("admin:notes_note_resolve", args=[note.pk]))
    note.refresh_from_db()
    assert note.resolved_by == desk["writer"]
    client.post(reverse("admin:notes_note_reopen", args=[note.pk]))
    note.refresh_from_db()
    assert note.resolved_at is None


def test_open_threads_come_before_resolved_ones(desk, client):
    done = note_add(article=desk["article"], by=desk["editor"], text="Old point")
    note_add(article=desk["article"], by=desk["editor"], text="New point")
    client.force_login(desk["editor"])
    client.post(reverse("admin:notes_note_resolve", args=[done.pk]))
    threads = client.get(change_url(desk["article"])).context["notes"]["threads"]
    assert [thread["note"].text for thread in threads] == ["New point", "Old point"]


def test_a_note_follows_its_passage_when_the_story_is_edited_on_the_desk(desk):
    note = note_add(article=desk["article"], by=desk["editor"], text="Check", field="body", quote="denied the report")
    article = desk["article"]
    article.body = "<p>Breaking.</p>" + BODY.replace("denied the report", "flatly denied the report")
    article.save()
    note.refresh_from_db()
    assert (note.quote, note.is_detached) == ("denied the report", False)
    article.body = "<p>Nothing left of it.</p>"
    article.save()
    note.refresh_from_db()
    assert note.is_detached


def test_journalists_cannot_read_or_write_notes_on_stories_they_do_not_write(desk, client):
    note = note_add(article=desk["article"], by=desk["editor"], text="Secret remark")
    client.force_login(desk["stranger"])
    assert client.post(add_url(desk["article"]), {"text": "Hi"}).status_code == 404
    assert client.post(reverse("admin:notes_note_reply", args=[note.pk]), {"text": "Hi"}).status_code == 404
    assert client.post(reverse("admin:notes_note_resolve", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.resolved_at is None and note.replies.count() == 0
    # The same answer as for a story or note that does not exist: which ids exist is not told.
    missing = [client.post(add_url(desk["article"]).replace(f"/{desk['article'].pk}/", "/999999/"), {"text": "Hi"}),
               client.post(reverse("admin:notes_note_reply", args=[999999]), {"text": "Hi"})]
    refused = [client.post(add_url(desk["article"]), {"text": "Hi"}),
               client.post(reverse("admin:notes_note_reply", args=[note.pk]), {"text": "Hi"})]
    for gone, hidden in zip(missing, refused, strict=True):
        title = re.search(r"<h2 id=\"gone-title\">(.*?)</h2>", gone.content.decode()).group(1)
        assert (gone.status_code, hidden.status_code) == (404, 404) and title in hidden.content.decode()
        assert ">Hi</textarea>" in hidden.content.decode() and "Secret remark" not in hidden.content.decode()


def test_only_editors_may_make_a_note_blocking(desk, client):
    client.force_login(desk["writer"])
    assert "blocking" not in client.get(change_url(desk["article"])).context["notes"]["form"].fields
    assert client.post(add_url(desk["article"]), {"text": "Hold it", "blocking": "on"}).status_code == 403
    assert not Note.objects.exists()


def test_a_get_of_a_notes_address_leads_to_the_story(desk, client, editor):
    """Where the login page sends the browser after a note or reply met the ended session: the story's page,
    not a blank 405. Nothing is written by a GET."""
    note = note_add(article=desk["article"], by=editor, text="Check the ports")
    client.force_login(desk["editor"])
    for url in (add_url(desk["article"]), reverse("admin:notes_note_reply", args=[note.pk]),
                reverse("admin:notes_note_resolve", args=[note.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == change_url(desk["article"]) + "#notes"
    assert Note.objects.count() == 1 and not Note.objects.get().is_resolved


TYPED = "A paragraph typed with care: the ministry now says thirty-eight ports."


def test_a_note_or_reply_sent_after_the_story_was_deleted_gives_the_text_back(desk, client, editor):
    """Not the reader's 404 page, which dropped it: nothing is saved, and the text is there to copy."""
    note = note_add(article=desk["article"], by=editor, text="Check the ports")
    client.force_login(desk["editor"])
    add = add_url(desk["article"])
    desk["article"].delete()  # a colleague, meanwhile
    for url in (add, reverse("admin:notes_note_reply", args=[note.pk])):
        response = client.post(url, {"text": TYPED})
        assert response.status_code == 404 and "is no longer there" in response.content.decode()
        assert f">{TYPED}</textarea>" in response.content.decode()
    assert not Note.objects.exists()


def test_mentioned_people_and_desks_see_the_note_on_their_desk_home_if_they_may_read_it(desk, client):
    """A note is for those who may read the story's notes: a journalist named, or on the desk named, who does
    not write the story sees nothing of it (not its text, not the draft's headline)."""
    editor_member, journalist_member = UserFactory(username="sam", role="Editor"), UserFactory(username="pat", role="Journalist")
    for member in (editor_member, journalist_member):
        DeskMember.objects.create(desk=desk["article"].section, user=member)
    note_add(article=desk["article"], by=desk["editor"], text="@kim please check; @politics heads up; @lou too. @nobody")
    for user in (desk["writer"], editor_member):
        client.force_login(user)
        assert "please check" in client.get(reverse("admin:index")).text
    for user in (desk["stranger"], journalist_member):
        client.force_login(user)
        home = client.get(reverse("admin:index")).text
        assert "please check" not in home and desk["article"].headline not in home


def test_a_note_on_the_desk_home_says_its_time_with_its_zone(desk, client, settings, time_machine):
    """The night the clocks go back, 02:30 comes twice: the time says which (as every time on the desk does)."""
    settings.TIME_ZONE = "Europe/Paris"
    time_machine.move_to(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), tick=False)  # the second 02:30, in winter time
    note_add(article=desk["article"], by=desk["editor"], text="@kim please check")
    client.force_login(desk["writer"])
    assert "please check — " in client.get(reverse("admin:index")).text
    assert ", 25 Oct 02:30 CET</li>" in client.get(reverse("admin:index")).text


def test_a_resolved_thread_leaves_the_desk_home(desk, client):
    note = note_add(article=desk["article"], by=desk["editor"], text="@kim please check")
    client.force_login(desk["writer"])
    client.post(reverse("admin:notes_note_resolve", args=[note.pk]))
    assert "please check" not in client.get(reverse("admin:index")).text


def test_mentions_are_mailed_when_asked(desk, settings, django_capture_on_commit_callbacks):
    settings.NOTES_EMAIL_MENTIONS = True
    with django_capture_on_commit_callbacks(execute=True):
        note_add(article=desk["article"], by=desk["editor"], text="@KIM please check")
    assert [message.to for message in mail.outbox] == [["kim@newsroom.example"]]
    assert desk["article"].headline in mail.outbox[0].subject


def test_mentions_are_mailed_only_to_active_people_who_may_read_the_note(desk, settings, django_capture_on_commit_callbacks):
    settings.NOTES_EMAIL_MENTIONS = True
    gone = UserFactory(username="gone", role="Editor", email="gone@newsroom.example", is_active=False)
    outsider = UserFactory(username="pat", role="Journalist", email="pat@newsroom.example")
    for member in (gone, outsider):
        DeskMember.objects.create(desk=desk["article"].section, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        note_add(article=desk["article"], by=desk["editor"], text="@politics the source is Jane Roe; @lou see this")
    assert mail.outbox == []


def test_mentions_are_not_mailed_by_default(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note_add(article=desk["article"], by=desk["editor"], text="@kim please check")
    assert mail.outbox == []


def test_a_refused_reply_comes_back_in_its_thread_with_its_error(editor_client, editor):
    """A reply over the limit is not added, says why (not "empty"), and its text is back in its thread's form."""
    from django.urls import reverse

    from articles.models import Article
    from notes.models import Note
    from notes.services import note_add
    from tests.factories import ArticleFactory

    article = ArticleFactory(status=Article.Status.REVIEW)
    note = note_add(article=article, by=editor, text="Is the second source on the record?")
    other = note_add(article=article, by=editor, text="Check the spelling of the judge's name.")
    reply = "Yes. " + "Full transcript follows. " * 220  # ~5,500 characters pasted in
    page = editor_client.post(reverse("admin:notes_note_reply", args=[note.pk]), {"text": reply}, follow=True).content.decode()
    assert not Note.objects.filter(parent__isnull=False).exists()
    assert "The reply was not added: Ensure this value has at most 5000 characters" in page
    assert page.count("Full transcript follows.") >= 220  # in the form: the whole text
    assert f'id="id_reply_{note.pk}_text"' in page and f'id="id_reply_{other.pk}_text"' in page
    # Marked as text never sent, though the page came with it: the story's save and a link ask before dropping it.
    assert page.count("data-unsent") == 1 and re.search(rf'action="[^"]*/{note.pk}/reply/"\s+data-unsent>', page)
    assert "Full transcript follows." not in editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()


def test_a_reply_the_box_accepted_is_not_refused_for_its_line_breaks(editor_client, editor):
    """The box's maxlength counts a line break as one character; the browser sends CR LF, which the server
    counted twice: a reply of 4,990 characters in lines was refused."""
    note = note_add(article=ArticleFactory(), by=editor, text="Which ports exactly?")
    typed = ("Checked with the ministry and both port authorities.\n" * 100)[:4990]
    editor_client.post(reverse("admin:notes_note_reply", args=[note.pk]), {"text": typed.replace("\n", "\r\n")})
    assert Note.objects.get(parent=note).text == typed.strip()
