"""A story off the site and back: a scheduled update due meanwhile is held, and the alert it brings back is told (found in
a review: the update was applied unseen, the alert came back unseen)."""
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from desk.services import article_publish, article_publish_warnings, article_withdraw
from live.models import ScheduledUpdate
from live.updates import apply_due, update_schedule
from tests.factories import AlertFactory, ArticleFactory

TWO_PM = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)
OLD, NEW = "Mayor denies the claims", "Mayor admits the payments"

pytestmark = pytest.mark.django_db


def test_an_update_due_while_its_story_is_withdrawn_and_rescheduled_is_held_not_applied(clock, editor):
    """README: "An update that comes due while its story is off the site (withdrawn for a legal check, say) is
    held ... not dropped: once the story is back, a new time puts it out." Withdrawn and then scheduled again for
    tomorrow (the usual way back after a legal check), the story is off the site at 14:00 but has status
    `published`, and live/updates.py apply() tests only the status: the update is applied unseen, and goes out
    with the story tomorrow without anyone choosing it again."""
    story = ArticleFactory(published=True, headline=OLD)  # live since 11:00
    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, standfirst=story.standfirst, body=story.body)
    clock(TWO_PM - timedelta(hours=1))
    story.refresh_from_db()
    article_withdraw(article=story, by=editor, note="Legal check")
    story.refresh_from_db()
    article_publish(article=story, by=editor, at=TWO_PM + timedelta(hours=19), note="Back tomorrow morning if cleared")
    assert not Article.objects.published().filter(pk=story.pk).exists()

    clock(TWO_PM)
    apply_due()

    update = ScheduledUpdate.objects.get(pk=update.pk)
    story.refresh_from_db()
    assert update.applied_at is None and update.held_at is not None
    assert story.headline == OLD


def test_a_story_put_back_on_the_site_warns_of_the_alert_it_brings_back(clock, editor):
    """A "Breaking: Mayor took bribes" banner points at a story legal pulls at 12:00; cleared with a softer headline,
    the story is put back at 12:30. The alert, which nobody read again, is back on every page until its expiry:
    the editor is told, before (the desk panel) and after (a message), with the alert's headline and expiry."""
    story = ArticleFactory(published=True, headline="Mayor took bribes")
    AlertFactory(article=story, headline="Breaking: Mayor took bribes", expires_at=TWO_PM)
    article_withdraw(article=story, by=editor, note="Legal")
    clock(TWO_PM - timedelta(hours=1, minutes=30))
    story.refresh_from_db()
    assert article_publish_warnings(story) == [
        "Its breaking-news alert “Breaking: Mayor took bribes” shows on every page it is set for, until 24 Nov 2026 "
        "14:00:00 UTC: end it under Live coverage and alerts if it no longer holds."]
    clock(TWO_PM)
    assert article_publish_warnings(story) == []  # expired: it brings nothing back
