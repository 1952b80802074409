"""Corrections and updates: editors add dated notes to published stories; readers see them; journalists cannot."""
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article, Correction
from desk.services import correction_add
from tests.articles.reader import visible_text
from tests.desk.helpers import change_url, story_form
from tests.factories import ArticleFactory, CorrectionFactory

PUBLISHED_AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CORRECTED_AT = datetime(2026, 11, 24, 15, 10, tzinfo=UTC)


def note_form(article, *notes, initial=0):
    """The change form of a published story, with new correction notes in its inline."""
    data = story_form(
        article.section, headline=article.headline, slug=article.slug, tags="", version=article.version, **{
            "corrections-TOTAL_FORMS": str(initial + len(notes)), "corrections-INITIAL_FORMS": str(initial),
        },
    )
    for index, (kind, text) in enumerate(notes, start=initial):
        data[f"corrections-{index}-kind"] = kind
        data[f"corrections-{index}-text"] = text
    return data


@pytest.fixture
def story(db, time_machine):
    time_machine.move_to(PUBLISHED_AT, tick=False)
    article = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=PUBLISHED_AT, headline="Vote delayed")
    time_machine.move_to(CORRECTED_AT, tick=False)
    return article


@pytest.mark.django_db
def test_editor_adds_a_correction_through_the_admin(editor_client, editor, story):
    response = editor_client.post(change_url(story), note_form(story, ("correction", "The vote is on Friday, not Thursday.")))
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.article, correction.kind, correction.created_by) == (story, Correction.Kind.CORRECTION, editor)
    assert correction.created_at == CORRECTED_AT


@pytest.mark.django_db
def test_article_page_shows_dated_notes_and_the_updated_time(client, settings, story):
    """Notes read "Correction, 24 Nov 2026 18:10 +03: …" in the site's time zone (15:10 UTC in Istanbul), named as every
    time people read is, and "Updated" follows."""
    settings.TIME_ZONE = "Europe/Istanbul"
    CorrectionFactory(article=story, text="The vote is on Friday.")
    CorrectionFactory(article=story, kind=Correction.Kind.UPDATE, text="Parliament confirmed <the> date.")
    content = client.get(story.get_absolute_url()).content.decode()
    section = content.split('class="story__corrections"', 1)[1].split("</section>", 1)[0]
    assert "&lt;the&gt;" in section  # plain text, escaped
    text = visible_text(section.split(">", 1)[1])
    assert text == (
        "Corrections and updates "
        "Correction, 24 Nov 2026 18:10 +03: The vote is on Friday. "
        "Update, 24 Nov 2026 18:10 +03: Parliament confirmed <the> date."
    )
    assert "Updated <time" in content and "24 November 2026, 18:10" in content


@pytest.mark.django_db
def test_journalist_cannot_add_a_note_even_by_forging_the_inline(journalist_client, journalist, story, time_machine):
    """A journalist's own draft has no notes inline, and a forged one is ignored; published stories are closed to them."""
    draft = ArticleFactory(authors=[journalist], created_by=journalist)
    data = note_form(draft, ("correction", "Forged note"))
    assert journalist_client.post(change_url(draft), data).status_code == 302
    assert not Correction.objects.exists()
    story.authors.add(journalist)
    response = journalist_client.post(change_url(story), note_form(story, ("correction", "Forged note")))
    assert response.status_code == 302  # refused: what was posted is kept for them alone (desk/admin/autosave.py)
    assert not Correction.objects.exists()


@pytest.mark.django_db
def test_editor_cannot_add_a_note_to_an_unpublished_story(editor_client, db):
    draft = ArticleFactory(status=Article.Status.REVIEW)
    data = note_form(draft, ("correction", "Too early"))
    editor_client.post(change_url(draft), data)
    assert not Correction.objects.exists()
    assert "corrections-TOTAL_FORMS" not in editor_client.get(change_url(draft)).content.decode()


@pytest.mark.django_db
def test_published_notes_cannot_be_edited_through_the_admin(editor_client, story):
    """An existing note is shown read-only; a forged change to its text is ignored."""
    note = CorrectionFactory(article=story, text="Original note")
    data = note_form(story, initial=1)
    data.update({"corrections-0-id": str(note.pk), "corrections-0-article": str(story.pk),
                 "corrections-0-kind": "update", "corrections-0-text": "Rewritten history"})
    assert editor_client.post(change_url(story), data).status_code == 302
    note.refresh_from_db()
    assert (note.kind, note.text) == (Correction.Kind.CORRECTION, "Original note")


@pytest.mark.django_db
def test_correction_service_checks_the_permission(journalist, editor, story):
    with pytest.raises(PermissionDenied):
        correction_add(article=story, kind=Correction.Kind.CORRECTION, text="No", by=journalist)
    withdrawn = ArticleFactory(status=Article.Status.WITHDRAWN)
    with pytest.raises(PermissionDenied):
        correction_add(article=withdrawn, kind=Correction.Kind.CORRECTION, text="No", by=editor)
    note = correction_add(article=story, kind=Correction.Kind.UPDATE, text="Yes", by=editor)
    assert note.created_by == editor and str(note) == "Update, 24 Nov 2026 15:10"


@pytest.mark.django_db
def test_modified_at_is_the_later_of_the_last_save_and_the_latest_note(story, time_machine):
    assert story.modified_at == story.updated_at
    time_machine.move_to(CORRECTED_AT + timedelta(hours=1), tick=False)
    note = CorrectionFactory(article=story)
    annotated = Article.objects.with_modified_at().get(pk=story.pk)
    assert annotated.modified_at == note.created_at == Article.objects.get(pk=story.pk).modified_at


@pytest.mark.django_db
def test_demo_newsroom_has_notes_and_loading_it_twice_adds_none(client):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert Correction.objects.count() == 3
    corrected = Article.objects.get(slug="danube-delta-towns-begin-flood-clean-up")
    assert "Local officials put the figure at more than 600." in client.get(corrected.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_correction_typed_while_a_colleague_withdrew_the_story_is_refused_with_its_text(editor_client):
    """The form no longer has a corrections inline to read it with (the story takes none now): the save is
    refused, nothing is saved, and the correction's text is in the error, not dropped while "saved" is said."""
    import reversion

    from desk.services import article_withdraw
    from tests.desk.helpers import edit_form
    from tests.factories import UserFactory

    with reversion.create_revision():
        article = ArticleFactory(published=True, headline="Vote set for Thursday")
    typed = {**edit_form(article, headline="Vote set for Friday"), "corrections-TOTAL_FORMS": "1", "corrections-INITIAL_FORMS": "0",
             "corrections-0-kind": "correction", "corrections-0-text": "The vote is on Friday, not Thursday."}
    article_withdraw(article=Article.objects.get(pk=article.pk), by=UserFactory(role="Editor"), note="Legal complaint.")
    response = editor_client.post(change_url(article), typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "a correction goes only under a published story, so nothing was saved" in page
    assert "The vote is on Friday, not Thursday." in page and 'value="Vote set for Friday"' in page
    assert not Correction.objects.exists() and Article.objects.get(pk=article.pk).headline == "Vote set for Thursday"


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "status"), [
    ({"corrections-INITIAL_FORMS": "²", "corrections-0-text": "The vote is on Friday."}, 200),  # read from row 0
    ({"corrections-²-text": "The vote is on Friday."}, 302),  # no row of the form: not read
])
def test_a_superscript_digit_in_the_corrections_row_numbers_is_no_server_error(editor_client, typed, status):
    """A broken or forged row number ("²" is a digit to str.isdigit(), not to int()) gets an answer, not a 500."""
    from tests.desk.helpers import edit_form

    article = ArticleFactory(status=Article.Status.WITHDRAWN)
    response = editor_client.post(change_url(article), {**edit_form(article), **typed})
    assert response.status_code == status
