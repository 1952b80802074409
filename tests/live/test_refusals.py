"""Typed text on the live desk survives a refused POST: the coverage closed, the entry published or changed by a
colleague, a scheduled update applied, an alert ended, while the person was typing."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from live import services
from live.models import Alert, LiveEntry, ScheduledUpdate
from live.updates import story_text, update_schedule
from photos.models import Photo
from tests.factories import ArticleFactory, LiveCoverageFactory, LiveEntryFactory, PhotoFactory, UserFactory
from tests.helpers import browser_of, form_values, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_entry_typed_while_an_editor_closed_the_coverage_comes_back_with_an_error(client, journalist, editor):
    coverage = LiveCoverageFactory()
    composer = reverse("admin:live_livecoverage_change", args=[coverage.pk])
    client.force_login(journalist)
    assert 'id="composer"' in client.get(composer).content.decode()  # the journalist starts typing
    services.coverage_end(coverage=coverage, by=editor)              # the editor closes the coverage meanwhile
    response = client.post(composer, {"kind": "key", "headline": "Mayor resigns", "body": "The mayor has resigned, aides say."})
    page = response.content.decode()
    assert not LiveEntry.objects.exists()
    assert response.status_code == 200
    assert "This coverage has ended" in page                          # told why
    assert "The mayor has resigned, aides say." in page               # and the words are still there


def test_journalist_editing_their_entry_while_an_editor_publishes_it_keeps_the_text(client, journalist, editor):
    coverage = LiveCoverageFactory()
    entry = LiveEntryFactory(coverage=coverage, author=journalist, status="review", published_at=None, body="<p>Two hurt</p>")
    edit = reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])
    client.force_login(journalist)
    page = client.get(edit).content.decode()                          # the journalist opens the edit form
    services.entry_publish(entry=LiveEntry.objects.get(pk=entry.pk), by=editor)  # the editor publishes it meanwhile
    response = client.post(edit, form_values(page, body="Three hurt, one critically, the hospital says."))
    assert response.status_code == 200, response.status_code
    assert "Three hurt, one critically" in response.content.decode()
    assert "You may no longer change this entry" in response.content.decode()
    assert LiveEntry.objects.get(pk=entry.pk).body == "<p>Two hurt</p>"


def test_editing_an_entry_a_colleague_changed_meanwhile_is_not_silently_overwritten(client, editor):
    coverage = LiveCoverageFactory(allow_direct_posting=True)
    entry = services.entry_create(coverage=coverage, by=editor, body="Five dead")  # numbered as the desk numbers
    edit = reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])
    client.force_login(editor)
    page = client.get(edit).content.decode()                          # editor A opens the form
    colleague = UserFactory(username="co-editor", first_name="Kim", last_name="Okafor", role="Editor")
    services.entry_edit(entry=LiveEntry.objects.get(pk=entry.pk), by=colleague,
                        body="Four dead, police now say.")               # a colleague corrects the toll meanwhile
    services.entry_pin(entry=LiveEntry.objects.get(pk=entry.pk), by=editor)  # and a pin since: the edit is still told
    response = client.post(edit, form_values(page, body="Five dead. Names released: ..."))
    entry.refresh_from_db()
    assert response.status_code == 200, "the editor should be told a colleague changed the entry"
    assert "Four dead, police now say." in entry.body
    page = response.content.decode()
    assert "Kim Okafor changed this entry while you were editing it" in page  # who edited it, not who pinned it
    assert "Four dead, police now say" in page and "Five dead. Names released" in page
    # Told, the editor saves again over what they saw: it goes through.
    again = client.post(edit, form_values(page))
    entry.refresh_from_db()
    assert again.status_code == 302 and "Names released" in entry.body


def test_an_edit_from_a_page_that_says_not_what_it_showed_is_refused_with_the_text_kept(client, editor):
    """A page opened before the form carried `seen` posts the old `revision` instead: what it showed is unknown, so
    its save could undo a colleague's edit. Refused once, what was typed kept; saved again, it goes through."""
    coverage = LiveCoverageFactory(allow_direct_posting=True)
    entry = services.entry_create(coverage=coverage, by=editor, body="Five dead")
    edit = reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])
    client.force_login(editor)
    values = form_values(client.get(edit).content.decode(), body="Five dead. Names released: ...")
    del values["seen"]
    values["revision"] = str(LiveEntry.objects.get(pk=entry.pk).revision)
    services.entry_edit(entry=LiveEntry.objects.get(pk=entry.pk), by=editor, body="Four dead, police now say.")
    response = client.post(edit, values)
    page = response.content.decode()
    assert response.status_code == 200 and "Names released" in page
    assert "This page does not say what the entry read when you opened it" in page  # not "X changed this entry"
    assert page.count("nothing was saved") == 1  # said once, not again above the form
    assert "Four dead, police now say." in LiveEntry.objects.get(pk=entry.pk).body
    assert client.post(edit, form_values(page)).status_code == 302
    assert "Names released" in LiveEntry.objects.get(pk=entry.pk).body


@pytest.mark.parametrize("meanwhile", ["credit fixed", "pinned"])
def test_an_entry_whose_revision_moved_without_an_edit_saves_the_text_typed(client, editor, meanwhile):
    """A credit fixed in the photo library gives the entries showing the photo a new revision (open pages fetch
    the new credit line), as a pin does: neither changes a word of the entry, so an edit opened before is saved.
    It was refused as a colleague's edit, "nothing was saved"."""
    photo = PhotoFactory()
    coverage = LiveCoverageFactory()
    entry = services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    edit = reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])
    client.force_login(editor)
    page = client.get(edit).content.decode()                          # the editor opens the form
    if meanwhile == "credit fixed":                                   # a colleague fixes the photo's credit
        picture_desk = browser_of(UserFactory(username="picture-desk", role="Editor"))
        library = reverse("admin:photos_photo_change", args=[photo.pk])
        fixed = form_values(picture_desk.get(library).content.decode(),
                            credit_type=Photo.CreditType.VIA_AGENCY, released_by="Interior Ministry")
        assert picture_desk.post(library, fixed).status_code == 302
        assert Photo.objects.get(pk=photo.pk).credit == "(Via AFP)"
    else:
        services.entry_pin(entry=LiveEntry.objects.get(pk=entry.pk), by=editor)
    assert LiveEntry.objects.get(pk=entry.pk).revision > entry.revision  # open pages fetch it again
    response = client.post(edit, form_values(page, body="Pictures from the scene, where the bridge fell."))
    assert response.status_code == 302, response.content.decode()
    entry.refresh_from_db()
    assert "where the bridge fell" in entry.body and entry.photo == photo


def test_saving_an_alert_a_colleague_ended_meanwhile_does_not_bring_it_back(editor):
    """A false report taken down stays down: the form opened before posts the old expiry, and is told."""
    article = ArticleFactory(published=True)
    alert = Alert.objects.create(headline="Gunman at large in city centre", article=article, level="breaking",
                                 expires_at=timezone.now().replace(microsecond=0) + timedelta(hours=1))
    change = reverse("admin:live_alert_change", args=[alert.pk])
    fixing = Client()
    fixing.force_login(UserFactory(username="co-editor", role="Editor"))
    page = fixing.get(change).content.decode()                        # one editor opens it to fix the wording
    ending = Client()
    ending.force_login(editor)                                        # another ends it: the report was false
    ending.post(reverse("admin:live_alert_changelist"), {"action": "end_now", "_selected_action": [alert.pk]})
    response = fixing.post(change, form_values(page, headline="Gunman at large in the city centre"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "This alert was ended at" in content and 'value="Gunman at large in the city centre"' in content
    assert not Alert.objects.current().exists()
    assert Alert.objects.get().headline == "Gunman at large in city centre"


def test_saving_a_scheduled_update_that_was_applied_meanwhile_is_no_500_and_keeps_the_text(editor_client, editor):
    article = ArticleFactory(published=True, headline="Old headline")
    update = ScheduledUpdate.objects.create(
        article=article, headline="Planned headline", body="<p>planned</p>", publish_at=timezone.now() + timedelta(hours=1),
        created_by=editor, base=story_text(article),
    )
    change = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    page = editor_client.get(change).content.decode()                 # the editor opens the update to rework it
    ScheduledUpdate.objects.filter(pk=update.pk).update(applied_at=timezone.now())  # it is applied (or cancelled) meanwhile
    data = form_values(page, headline="Reworked headline", body="<p>Reworked body the editor typed</p>")
    response = editor_client.post(change, data)
    assert response.status_code == 200
    assert "Reworked body the editor typed" in response.content.decode()
    assert "This update was applied at" in response.content.decode()
    assert ScheduledUpdate.objects.get(pk=update.pk).headline == "Planned headline"


@pytest.mark.parametrize("action", ["pin", "publish"])
def test_a_copy_read_before_a_deletion_never_writes_the_entry_back(editor, action):
    """The desk's page read the entry, a colleague deleted it (a legal takedown), then the pin or publish
    went through with the copy: it must not bring the text back."""
    coverage = LiveCoverageFactory(allow_direct_posting=True)
    entry = services.entry_create(coverage=coverage, by=editor, body="Named the suspect.")
    if action == "publish":
        entry = services.entry_create(coverage=coverage, by=editor, body="Named the suspect.", at=timezone.now() + timedelta(hours=1))
    stale = LiveEntry.objects.get(pk=entry.pk)
    services.entry_delete(entry=LiveEntry.objects.get(pk=entry.pk), by=UserFactory(role="Editor"))
    with pytest.raises(ValidationError):
        (services.entry_pin if action == "pin" else services.entry_publish)(entry=stale, by=editor)
    entry.refresh_from_db()
    assert entry.is_deleted and entry.body == ""


TYPED = "A paragraph typed with care: the ministry now says thirty-eight ports."


def deleted_meanwhile(story):
    from articles.models import Article

    Article.objects.filter(pk=story.pk).delete()  # a colleague deletes the story, its coverage and updates going with it


def test_an_entry_sent_or_edited_after_the_story_was_deleted_gives_the_text_back(client, editor):
    """Not the reader's 404 page, which dropped it: nothing is saved, and the text is there to copy."""
    coverage = LiveCoverageFactory()
    entry = LiveEntryFactory(coverage=coverage)
    client.force_login(editor)
    deleted_meanwhile(coverage.article)
    for url, data in [
        (reverse("admin:live_livecoverage_change", args=[coverage.pk]), {"kind": "update", "body": TYPED}),
        (reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk]), {"kind": "update", "body": TYPED, "seen": services.entry_seen(entry)}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 404 and "the live coverage is no longer there" in response.content.decode()
        assert f">{TYPED}</textarea>" in response.content.decode()
    assert client.get(reverse("admin:live_livecoverage_change", args=[coverage.pk])).status_code == 404  # a GET: as before


def test_a_scheduled_update_saved_after_the_story_was_deleted_gives_the_text_back(client, editor):
    """Django's own answer was a redirect to the desk home with "doesn't exist": the body typed was gone."""
    story = ArticleFactory(published=True, headline="Storm kills nine")
    client.force_login(editor)
    update = update_schedule(article=story, by=editor, at=timezone.now() + timedelta(days=1), headline="Storm kills ten")
    url = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    typed = form_values(client.get(url).content.decode(), body=f"<p>{TYPED}</p>")
    deleted_meanwhile(story)
    response = client.post(url, typed)
    assert response.status_code == 404 and "the scheduled update is no longer there" in response.content.decode()
    assert TYPED in response.content.decode()


def test_a_scheduled_update_saved_after_the_story_was_deleted_gives_its_body_photo_captions_back(client, editor):
    """Found in a review: the page gave back the headline, standfirst and body, not the captions typed in the rows."""
    from articles.models import Article
    from live.models import ScheduledUpdatePhoto
    from tests.factories import ArticlePhotoFactory

    story = ArticleFactory(published=True, headline="Storm kills nine")
    ArticlePhotoFactory(article=story, photo=PhotoFactory(caption="Flooded street"), position=0, caption="Old caption")
    client.force_login(editor)
    update = update_schedule(article=story, by=editor, at=timezone.now() + timedelta(days=1), headline="Storm kills ten")
    ScheduledUpdatePhoto.objects.create(update=update, photo=story.photo_uses.get().photo, position=0, caption="Old caption")
    url = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    typed = form_values(client.get(url).content.decode(), **{"photo_uses-0-caption": "Rescuers wade through the main street."})
    Article.objects.filter(pk=story.pk).delete()
    response = client.post(url, typed)
    assert response.status_code == 404
    assert "Caption of body photo 1" in response.content.decode()
    assert "Rescuers wade through the main street." in response.content.decode()


def test_saving_an_alert_a_colleague_reworded_meanwhile_does_not_put_the_old_words_back(editor_client):
    """One editor corrects the headline; another, from the page opened before, changes the level: that save is
    told of the new headline and keeps its level, and saved again it goes through with both."""
    alert = Alert.objects.create(headline="Gunman at large in city centre", article=ArticleFactory(published=True),
                                 level="breaking", expires_at=timezone.now().replace(microsecond=0) + timedelta(hours=1))
    change = reverse("admin:live_alert_change", args=[alert.pk])
    page = opened_before_a_colleagues_save(editor_client, change, browser_of(UserFactory(username="co-editor", role="Editor")),
                                           headline="Police: no gunman, false alarm in city centre")
    response = editor_client.post(change, form_values(page, level="developing"))
    alert.refresh_from_db()
    assert response.status_code == 200 and alert.headline == "Police: no gunman, false alarm in city centre"
    content = response.content.decode()
    assert "was changed while you were editing it" in content and "headline: “Police: no gunman, false alarm in city centre”" in content
    assert '<option value="developing" selected>' in content
    again = editor_client.post(change, form_values(content, headline="Police: no gunman, false alarm in city centre"))
    alert.refresh_from_db()
    assert again.status_code == 302 and (alert.headline, alert.level) == ("Police: no gunman, false alarm in city centre", "developing")


def test_saving_an_alert_deleted_meanwhile_gives_back_the_headline_typed(editor_client):
    """Deleted by a colleague, or with its story, while it was reworded: Django's redirect to the desk's home dropped it."""
    alert = Alert.objects.create(headline="Gunman at large in city centre", article=ArticleFactory(published=True),
                                 level="breaking", expires_at=timezone.now().replace(microsecond=0) + timedelta(hours=1))
    change = reverse("admin:live_alert_change", args=[alert.pk])
    page = editor_client.get(change).content.decode()
    alert.article.delete()
    response = editor_client.post(change, form_values(page, headline="Police: gunman arrested in the city centre"))
    assert response.status_code == 404 and "Nothing was saved" in response.content.decode()
    assert ">Police: gunman arrested in the city centre</textarea>" in response.content.decode()
    assert not Alert.objects.exists()


def test_a_journalists_post_for_a_missing_alert_is_still_refused(journalist_client):
    assert journalist_client.post(reverse("admin:live_alert_change", args=[987654]), {"headline": "Typed"}).status_code == 403


def test_a_scheduled_update_saved_after_the_editor_lost_the_role_gives_the_text_back(client, editor):
    """Found in a review: moved to the journalists while rewriting an update, the editor's save met the desk's
    plain 403 page, and the body typed was gone. The page still refuses, and now holds what was typed."""
    from django.contrib.auth.models import Group

    story = ArticleFactory(published=True, headline="Storm kills nine")
    client.force_login(editor)
    update = update_schedule(article=story, by=editor, at=timezone.now() + timedelta(days=1), headline="Storm kills ten")
    url = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    typed = form_values(client.get(url).content.decode(), body="<p>The ministry now says thirty-eight ports.</p>")
    editor.groups.set([Group.objects.get(name="Journalist")])

    response = client.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 403 and "Not for your role" in page and "Nothing was saved" in page
    assert "The ministry now says thirty-eight ports." in page and "Storm kills ten" in page
    assert ScheduledUpdate.objects.get(pk=update.pk).body != "<p>The ministry now says thirty-eight ports.</p>"


def test_cancelling_from_the_list_an_update_applied_meanwhile_names_it_and_why(editor_client, editor):
    """Found in a review: of two updates selected, one applied at its time before "Cancel the selected updates"
    arrived was skipped without a word, and the action said nothing at all: the editor believed both were stopped."""
    from django.contrib.messages import get_messages

    story, other = ArticleFactory(published=True, headline="Storm kills nine"), ArticleFactory(published=True, headline="Port reopens")
    at = timezone.now() + timedelta(days=1)
    applied = update_schedule(article=story, by=editor, at=at, headline="Death toll rises to twelve")
    still_open = update_schedule(article=other, by=editor, at=at, headline="Port reopens after the storm")
    ScheduledUpdate.objects.filter(pk=applied.pk).update(applied_at=timezone.now())  # applied by the clock meanwhile

    response = editor_client.post(reverse("admin:live_scheduledupdate_changelist"), {
        "action": "cancel", "_selected_action": [applied.pk, still_open.pk],
    })
    assert response.status_code == 302
    still_open.refresh_from_db()
    applied.refresh_from_db()
    assert still_open.cancelled_at is not None and applied.cancelled_at is None
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Death toll rises to twelve" in message and "already been applied" in message for message in told), told
    assert "1 update cancelled." in told
