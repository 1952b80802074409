"""An alert's or a scheduled update's form saved while a colleague's button (end the alert, cancel the update)
commits, the two requests running at once on PostgreSQL: the button's change is kept, and the form is told.

The form's request reads the row (the admin's get_object) before the button's request commits, then waits for the
row's lock (SeenForm.stored_row) until it has. The closed state (the alert's expiry, the update's cancellation) was
checked on the first read, not on the locked row, and the `seen` fields the button does not touch matched: the
form's save wrote its copy back, and the alert ended for a false report was on every page again, the cancelled
update went out at its time. And the other way: "End now" wrote back the whole alert it read before a colleague's
rewording committed."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from live import services
from live.models import Alert, ScheduledUpdate
from live.updates import apply, story_text, update_cancel
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import browser_of, form_values, while_held
from tests.live.helpers import a_due_update

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def an_alert():
    return Alert.objects.create(headline="Gunman at large in city centre", article=ArticleFactory(published=True),
                                level="breaking", expires_at=timezone.now().replace(microsecond=0) + timedelta(hours=1))


def refused_keeping(response, says: str, typed: str) -> None:
    """The form's save was refused, telling why, with what was typed."""
    assert response.status_code == 200
    page = response.content.decode()
    assert says in page and typed in page


def test_an_alert_saved_while_a_colleague_ends_it_stays_ended_and_the_form_is_told():
    alert = an_alert()
    change = reverse("admin:live_alert_change", args=[alert.pk])
    fixing = browser_of(UserFactory(username="fixer", role="Editor"))
    ending = UserFactory(username="ender", role="Editor")
    typed = form_values(fixing.get(change).content.decode(), headline="Gunman at large in the city centre")
    # "End now" (the report was false): its request holds the alert's row until it commits. The form's request has
    # read the alert, and waits for its lock.
    _, outcome = while_held(lambda: services.alert_end(alert=Alert.objects.get(pk=alert.pk), by=ending),
                            lambda: fixing.post(change, typed))

    assert "error" not in outcome, outcome.get("error")
    alert.refresh_from_db()
    assert alert.expires_at <= timezone.now()  # still ended: the old expiry the form posted is not written back
    assert not Alert.objects.current().exists()
    refused_keeping(outcome["returned"], "This alert was ended at", 'value="Gunman at large in the city centre"')


def test_ending_an_alert_while_a_colleague_rewords_it_keeps_the_new_wording():
    alert = an_alert()
    change = reverse("admin:live_alert_change", args=[alert.pk])
    fixing = browser_of(UserFactory(username="fixer", role="Editor"))
    ending = browser_of(UserFactory(username="ender", role="Editor"))
    typed = form_values(fixing.get(change).content.decode(), headline="Gunman at large in the city centre")

    def end_now():  # it has read the alert, and waits for its lock
        return ending.post(reverse("admin:live_alert_changelist"), {"action": "end_now", "_selected_action": [alert.pk]})

    # The rewording's request holds the alert's row until it commits.
    reworded, outcome = while_held(lambda: fixing.post(change, typed), end_now, waits=False)
    assert reworded.status_code == 302

    assert "error" not in outcome, outcome.get("error")
    alert.refresh_from_db()
    assert alert.expires_at <= timezone.now()  # ended
    assert alert.headline == "Gunman at large in the city centre"  # and the colleague's wording is not undone


def test_a_scheduled_update_saved_while_a_colleague_cancels_it_stays_cancelled_and_the_form_is_told():
    editor = UserFactory(username="planner", role="Editor")
    article = ArticleFactory(published=True, headline="Old headline")
    update = ScheduledUpdate.objects.create(
        article=article, headline="Planned headline", body="<p>planned</p>", publish_at=timezone.now() + timedelta(hours=1),
        created_by=editor, base=story_text(article),
    )
    change = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    reworking = browser_of(UserFactory(username="reworker", role="Editor"))
    typed = form_values(reworking.get(change).content.decode(), headline="Reworked headline")
    # "Cancel" (the story changed its course): its request holds the update's row. The form's request has read the
    # update, and waits for its lock.
    _, outcome = while_held(lambda: update_cancel(update=ScheduledUpdate.objects.get(pk=update.pk), by=editor),
                            lambda: reworking.post(change, typed))

    assert "error" not in outcome, outcome.get("error")
    update.refresh_from_db()
    assert update.cancelled_at is not None  # still cancelled: it does not go out at its time
    assert not ScheduledUpdate.objects.pending().exists()
    refused_keeping(outcome["returned"], "This update was cancelled at", 'value="Reworked headline"')


def test_a_cancel_racing_the_clock_that_applies_the_update_is_refused_and_the_update_stays_applied():
    """The editor's page read the update while it was pending; the clock applied it as the cancel came in. The cancel
    took its "applied already?" from that first read and stamped the update cancelled after it had gone out: the
    editor was told "cancelled" while readers had the new text."""
    editor = UserFactory(username="planner", role="Editor")
    article = ArticleFactory(published=True, headline="Old headline")
    update = a_due_update(editor, article)
    read_by_the_page = ScheduledUpdate.objects.get(pk=update.pk)
    # The clock's request applies it, holding the update's row until it commits.
    applied, outcome = while_held(lambda: apply(update.pk), lambda: update_cancel(update=read_by_the_page, by=editor),
                                  waits=False)
    assert applied == 1

    update.refresh_from_db()
    assert update.applied_at is not None and update.cancelled_at is None
    assert isinstance(outcome.get("error"), ValidationError)
    assert "already been applied" in str(outcome["error"])
    article.refresh_from_db()
    assert article.headline == "Planned headline"
