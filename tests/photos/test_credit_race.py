"""A journalist removes a photo's credit while an editor publishes its story: one of them is refused, and no
story goes out with an uncredited photo, whichever commits first."""
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from desk.services import article_publish
from photos.forms import PhotoAdminForm
from photos.models import Photo
from photos.publishing import as_stored
from tests.desk.helpers import change_url, desk_button, edit_form
from tests.factories import ArticleFactory, ArticlePhotoFactory, PhotoFactory, UserFactory
from tests.helpers import browser_of, in_thread, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def uncredited(photo) -> dict:
    return {"caption": photo.caption, "alt_text": photo.alt_text, "credit_type": "", "agency": "",
            "photographer": "", "released_by": "", "taken_on": ""}


def test_a_credit_removed_while_the_story_goes_out_is_refused_once_it_is_out():
    editor, journalist = UserFactory(username="ed", role="Editor"), UserFactory(username="jo", role="Journalist")
    photo = PhotoFactory()
    story = ArticleFactory(status=Article.Status.REVIEW, lead_photo=photo)
    desk = browser_of(journalist)
    outcome = {}

    def remove_credit():
        outcome["response"] = desk.post(reverse("admin:photos_photo_change", args=[photo.pk]), uncredited(photo))

    with transaction.atomic():
        article_publish(article=story, by=editor)  # holds the photo's row until it commits
        journalist_saves = in_thread(remove_credit, outcome)
        until_a_lock_is_awaited()
    journalist_saves.join()

    assert outcome["response"].status_code == 200  # the form again, with the reason
    assert "must keep its credit and alt text" in outcome["response"].content.decode()
    assert Photo.objects.get(pk=photo.pk).credit == "(AFP photo)"
    assert Article.objects.published().filter(pk=story.pk).exists()


def test_a_story_published_while_its_photos_credit_is_being_removed_is_refused():
    editor = UserFactory(username="ed", role="Editor")
    photo = PhotoFactory()
    story = ArticleFactory(status=Article.Status.REVIEW, lead_photo=photo)
    outcome = {}

    with transaction.atomic():
        as_stored([photo])  # the photo form's lock, then its save
        Photo.objects.filter(pk=photo.pk).update(credit_type="", agency=None)
        editor_publishes = in_thread(article_publish, outcome, article=Article.objects.get(pk=story.pk), by=editor)
        until_a_lock_is_awaited()
    editor_publishes.join()

    assert isinstance(outcome.get("error"), ValidationError) and "needs a credit" in str(outcome["error"])
    assert not Article.objects.published().filter(pk=story.pk).exists()


def test_a_caption_fixed_while_an_editor_saves_the_live_story_showing_it_waits_and_neither_fails():
    """The form locks the stories using the photo before the photo, as the story's save does (the story,
    then its photos): taken the other way round, PostgreSQL killed one of them ("deadlock detected")."""
    editor = UserFactory(username="ed", role="Editor")
    story = ArticleFactory(published=True)
    photo = ArticlePhotoFactory(article=story, photo=PhotoFactory(caption="Old caption")).photo
    desk = Client()
    desk.force_login(editor)
    outcome = {}

    def save_story():
        outcome["response"] = desk.post(change_url(story), edit_form(story, headline="Port strike ends"))

    with transaction.atomic():  # the photo's admin page: changeform_view is atomic
        form = PhotoAdminForm(data={**uncredited(photo), "credit_type": photo.credit_type, "agency": photo.agency_id,
                                    "caption": "Dockers at the gate at dawn."}, instance=photo)
        assert form.is_valid(), form.errors
        editor_saves = in_thread(save_story, outcome)  # the story's lock, then its photos'
        until_a_lock_is_awaited()
        form.save()  # stamps the live story's time of change
    editor_saves.join()
    assert "error" not in outcome and outcome["response"].status_code == 302
    assert Article.objects.get(pk=story.pk).headline == "Port strike ends"
    assert Photo.objects.get(pk=photo.pk).caption == "Dockers at the gate at dawn."



def test_the_photo_form_checks_outside_a_transaction_too():
    """Locks are taken only inside a transaction (the admin's): a form checked in autocommit, by a script or
    another view, is not refused by PostgreSQL ("select_for_update cannot be used outside of a transaction")."""
    photo = PhotoFactory()
    ArticleFactory(status=Article.Status.REVIEW, lead_photo=photo)
    form = PhotoAdminForm(data={**uncredited(photo), "credit_type": photo.credit_type, "agency": photo.agency_id,
                                "caption": "Dockers at the gate at dawn."}, instance=photo)
    assert form.is_valid(), form.errors


def test_a_desk_publication_locks_all_its_photos_at_once_in_id_order():
    """Lead photo first, then the body's, would let two stories sharing two photos in swapped places each hold
    one the other waits for: the first lock takes them all, in id order (PostgreSQL's own, by ORDER BY)."""
    editor = UserFactory(username="ed", role="Editor")
    in_body, lead = PhotoFactory(), PhotoFactory()  # the body's photo has the lower id
    story = ArticleFactory(status=Article.Status.REVIEW, lead_photo=lead)
    ArticlePhotoFactory(article=story, photo=in_body)
    desk = Client()
    desk.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = desk.post(change_url(story), {**edit_form(story, lead_photo=lead.pk), **desk_button("publish")})
    assert response.status_code == 302 and Article.objects.published().filter(pk=story.pk).exists()
    locks = [query["sql"] for query in queries.captured_queries
             if "FOR UPDATE" in query["sql"] and re.search(r'FROM "photos_photo"', query["sql"])]
    first = {int(pk) for pk in re.findall(r"\d+", re.search(r'"photos_photo"\."id" IN \(([^)]*)\)', locks[0])[1])}
    assert first == {in_body.pk, lead.pk}

