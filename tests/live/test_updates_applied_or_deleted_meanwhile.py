"""'End now' and 'Cancel' on a row deleted meanwhile say so; a reschedule arriving as the clock applies the update
is refused (update_schedule asks the locked row, not a copy read before)."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from live import services
from live.models import Alert, ScheduledUpdate
from live.updates import apply, story_text, update_cancel, update_schedule
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import in_thread, until_a_lock_is_awaited
from tests.live.helpers import a_due_update

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race")


@pytest.mark.django_db
def test_end_now_on_an_alert_deleted_meanwhile_says_so():
    """Passes: without alert_end's `stored is None` check, the button's request died with an AttributeError (a 500)."""
    editor = UserFactory(role="Editor")
    alert = Alert.objects.create(headline="Gunman at large", article=ArticleFactory(published=True), level="breaking",
                                 expires_at=timezone.now() + timedelta(hours=1))
    Alert.objects.filter(pk=alert.pk).delete()
    with pytest.raises(ValidationError, match="deleted meanwhile"):
        services.alert_end(alert=alert, by=editor)
    assert not Alert.objects.exists()


@pytest.mark.django_db
def test_cancel_on_an_update_deleted_meanwhile_says_so():
    """Passes: without update_cancel's `stored is None` check, the cancel died with an AttributeError (a 500)."""
    editor = UserFactory(role="Editor")
    article = ArticleFactory(published=True)
    update = ScheduledUpdate.objects.create(article=article, headline="Planned", body="<p>planned</p>", created_by=editor,
                                            publish_at=timezone.now() + timedelta(hours=1), base=story_text(article))
    ScheduledUpdate.objects.filter(pk=update.pk).delete()
    with pytest.raises(ValidationError, match="deleted meanwhile"):
        update_cancel(update=update, by=editor)


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reschedule_arriving_as_the_clock_applies_the_update_is_refused_and_the_update_stays_applied():
    """update_schedule asks 'applied or cancelled?' of the row with SELECT … FOR UPDATE WHERE applied or cancelled:
    on a row still open in its snapshot that matches nothing, so it neither waits for the clock's lock nor sees its
    application; its save then waited, and wrote the copy's `applied_at = NULL` over the applied update, which went
    out a second time at its new time. (The admin's form locks the row first; the service, called with a copy read
    before, does not.)"""
    editor = UserFactory(username="planner", role="Editor")
    article = ArticleFactory(published=True, headline="Old headline")
    update = a_due_update(editor, article)
    read_by_the_page = ScheduledUpdate.objects.get(pk=update.pk)
    outcome = {}
    with transaction.atomic():  # the clock applies it, holding the update's row until it commits
        assert apply(update.pk) == 1
        rescheduling = in_thread(update_schedule, outcome, article=article, by=editor, update=read_by_the_page,
                                 at=timezone.now() + timedelta(hours=1), headline="Planned headline, later")
        until_a_lock_is_awaited(or_done=rescheduling)
    rescheduling.join()

    update.refresh_from_db()
    assert update.applied_at is not None, "the applied update was made pending again, to go out a second time"
    assert isinstance(outcome.get("error"), ValidationError)
