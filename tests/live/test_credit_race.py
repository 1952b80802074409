"""A photo's credit fixed in the library while the live desk uses the photo: the fix gives the entries showing it
new revisions under their coverage's lock, as an edit does, and waits for the desk (or the desk for it) instead
of deadlocking. One order for every path: the stories, then their coverages, then the photo."""
import pytest
from django.db import connection, transaction
from django.urls import reverse

from articles.models import Article
from live import services
from live.models import LiveEntry
from photos.forms import PhotoAdminForm
from photos.models import Photo
from tests.factories import LiveCoverageFactory, PhotoFactory, UserFactory
from tests.helpers import browser_of, in_thread, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def handout(photo) -> dict:
    return {"caption": photo.caption, "alt_text": photo.alt_text, "credit_type": Photo.CreditType.VIA_AGENCY,
            "agency": photo.agency_id, "photographer": "", "released_by": "Interior Ministry", "taken_on": ""}


def test_an_entry_sent_with_the_photo_while_its_credit_is_fixed_waits_and_both_go_through(editor):
    """The riskiest pair: the fix held the photo and then wanted the coverage (to number the entries' new
    revisions) while the new entry held the coverage and wanted the photo (to check its credit): PostgreSQL
    killed one of them. The photo form now locks the coverages showing the photo before the photo."""
    photo = PhotoFactory()
    coverage = LiveCoverageFactory()
    shown = services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    outcome = {}

    with transaction.atomic():  # the photo's admin page: changeform_view is atomic
        form = PhotoAdminForm(data=handout(photo), instance=photo)
        assert form.is_valid(), form.errors
        colleague = in_thread(services.entry_create, outcome, coverage=coverage, by=editor, body="The same scene, later",
                              photo=photo)
        until_a_lock_is_awaited()
        form.save()
    colleague.join()

    assert outcome == {"done": True}
    assert Photo.objects.get(pk=photo.pk).credit == "(Via AFP)"
    assert LiveEntry.objects.get(pk=shown.pk).revision > shown.revision
    assert LiveEntry.objects.published().filter(coverage=coverage).count() == 2


def test_a_credit_fixed_while_an_entry_goes_out_with_the_photo_waits_then_renumbers_both():
    editor = UserFactory(username="ed", role="Editor")
    photo = PhotoFactory()
    coverage = LiveCoverageFactory()
    shown = services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    desk = browser_of(editor)
    outcome = {}

    def fix_credit():
        outcome["response"] = desk.post(reverse("admin:photos_photo_change", args=[photo.pk]), handout(photo))

    with transaction.atomic():
        sent = services.entry_create(coverage=coverage, by=editor, body="The same scene, later", photo=photo)
        fix = in_thread(fix_credit, outcome)  # the coverage's lock, held by the entry going out
        until_a_lock_is_awaited()
    fix.join()

    assert "error" not in outcome and outcome["response"].status_code == 302
    assert LiveEntry.objects.get(pk=shown.pk).revision > sent.revision  # numbered after the entry that went out
    assert LiveEntry.objects.get(pk=sent.pk).revision > sent.revision


def test_a_story_deleted_while_its_entrys_credit_is_fixed_waits_instead_of_deadlocking(editor):
    """A story's deletion took its coverage, then its own row; the fix takes the story, then the coverage: the
    deletion now takes the story's row first too."""
    photo = PhotoFactory()
    coverage = LiveCoverageFactory()
    services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    article = Article.objects.get(pk=coverage.article_id)
    outcome = {}

    def fix_credit():
        form = PhotoAdminForm(data=handout(photo), instance=Photo.objects.get(pk=photo.pk))
        with transaction.atomic():
            assert form.is_valid(), form.errors
            form.save()

    with transaction.atomic():
        services.lock_coverage_of(Article, instance=article)  # the deletion has begun
        fix = in_thread(fix_credit, outcome)
        until_a_lock_is_awaited()
        article.delete()
    fix.join()

    assert outcome == {"done": True}
    assert not Article.objects.filter(pk=article.pk).exists()
    assert Photo.objects.get(pk=photo.pk).credit == "(Via AFP)"
