"""A photo's credit fixed in the library while the live desk uses the photo: the fix waits for the desk (or the desk
for it) instead of deadlocking. One order for every path: the stories, then their coverages, then the photo."""
import pytest
from django.db import connection, transaction

from articles.models import Article
from live import services
from photos.forms import PhotoAdminForm
from photos.models import Photo
from tests.factories import LiveCoverageFactory, PhotoFactory
from tests.helpers import in_thread, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def handout(photo) -> dict:
    return {"caption": photo.caption, "alt_text": photo.alt_text, "credit_type": Photo.CreditType.VIA_AGENCY,
            "agency": photo.agency_id, "photographer": "", "released_by": "Interior Ministry", "taken_on": ""}


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
