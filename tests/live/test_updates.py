"""A scheduled update of a published story: readers see it at its second, through every cache, not before."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from live.models import ScheduledUpdate
from live.updates import update_cancel, update_schedule
from serving.pagecache import STATUS_HEADER
from tests.factories import ArticleFactory, ArticlePhotoFactory, PhotoFactory
from tests.helpers import NOON, browser_of, form_values, opened_before_a_colleagues_save
from tests.live.helpers import LD_RE
from times.desk import desk_time

TWO_PM = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
OLD, NEW = "Storm kills nine on the coast", "Death toll rises to twelve after the storm"


@pytest.fixture
def story(clock):
    return ArticleFactory(published=True, headline=OLD, tags=["Storm"])


def surface_url(story, surface):
    return {
        "page": story.get_absolute_url(), "home": "/", "section": story.section.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "storm"}), "feed": reverse("articles:feed-rss"),
    }[surface]


@pytest.mark.django_db
@pytest.mark.usefixtures("each_cache_backend")
@pytest.mark.parametrize("surface", ["page", "home", "section", "tag", "feed"])
def test_a_scheduled_update_appears_on_a_warm_cache_at_its_second_and_not_before(client, clock, story, editor, committed, surface):
    url = surface_url(story, surface)
    client.get(url)
    with committed():
        update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, body="<p>Twelve dead.</p>")
    clock(TWO_PM - timedelta(minutes=1))
    client.get(url)  # warm
    clock(TWO_PM - SECOND)
    before = client.get(url)
    assert before[STATUS_HEADER] == "hit"
    assert OLD in before.content.decode() and NEW not in before.content.decode()
    clock(TWO_PM)
    after = client.get(url).content.decode()
    assert NEW in after and OLD not in after


@pytest.mark.django_db
def test_the_updated_page_says_updated_at_its_second_with_date_modified(client, clock, story, editor):
    update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, body="<p>Twelve dead.</p>")
    clock(TWO_PM)
    content = client.get(story.get_absolute_url()).content.decode()
    assert 'Updated <time datetime="2026-11-24T14:00:00+00:00">' in content
    assert '"dateModified": "2026-11-24T14:00:00+00:00"' in LD_RE.findall(content)[0]
    assert "<p>Twelve dead.</p>" in content


@pytest.mark.django_db
def test_an_applied_update_is_a_revision_of_the_story(client, clock, story, editor):
    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, body="<p>Twelve dead.</p>")
    clock(TWO_PM)
    client.get("/")
    update.refresh_from_db()
    assert update.applied_at == TWO_PM
    version = Version.objects.get_for_object(story).first()
    assert version.field_dict["headline"] == NEW
    assert version.revision.user == editor and version.revision.comment == f"Scheduled update of {desk_time(TWO_PM)}"


@pytest.mark.django_db
def test_the_revision_says_the_updates_time_in_the_newsrooms_language(client, clock, story, editor, settings):
    """As every desk time does ("24 Ноя 2026 …" in a Russian newsroom): it was strftime's English month."""
    settings.LANGUAGE_CODE = "ru"
    update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW)
    clock(TWO_PM)
    client.get("/")
    comment = Version.objects.get_for_object(story).first().revision.comment
    assert comment.endswith(desk_time(TWO_PM)) and "Nov" not in comment


@pytest.mark.django_db
def test_a_cancelled_update_leaves_the_story_as_it_is(client, clock, story, editor, committed):
    with committed():
        update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW)
    with committed():
        update_cancel(update=update, by=editor)
    clock(TWO_PM + SECOND)
    assert OLD in client.get(story.get_absolute_url()).content.decode()
    story.refresh_from_db()
    assert story.headline == OLD


@pytest.mark.django_db
def test_only_editors_schedule_updates_and_only_of_published_stories(clock, story, journalist, editor):
    with pytest.raises(PermissionDenied):
        update_schedule(article=story, by=journalist, at=TWO_PM, headline=NEW)
    with pytest.raises(Exception, match="published"):
        update_schedule(article=ArticleFactory(), by=editor, at=TWO_PM, headline=NEW)
    with pytest.raises(Exception, match="future"):
        update_schedule(article=story, by=editor, at=NOON - SECOND, headline=NEW)


@pytest.mark.django_db
def test_the_desk_form_starts_from_the_live_text_and_compares_with_it(editor_client, story):
    add = reverse("admin:live_scheduledupdate_add")
    form = editor_client.get(f"{add}?article={story.pk}").content.decode()
    assert f'value="{OLD}"' in form
    later = datetime.now(UTC) + timedelta(days=1)
    response = editor_client.post(add, form_values(form, publish_at=later.strftime("%Y-%m-%d") + "T10:00:00", headline=NEW))
    assert response.status_code == 302
    update = ScheduledUpdate.objects.get()
    page = editor_client.get(reverse("admin:live_scheduledupdate_change", args=[update.pk])).content.decode()
    assert f"-{OLD}" in page and f"+{NEW}" in page


@pytest.mark.django_db
def test_the_update_time_is_one_labelled_box_to_the_second_like_every_desk_time(editor_client, story):
    """Not the admin's split date and time boxes, whose time box has no label of its own."""
    form = editor_client.get(f"{reverse('admin:live_scheduledupdate_add')}?article={story.pk}").content.decode()
    box = re.search(r'<input type="datetime-local" name="publish_at"[^>]*>', form)
    assert box and 'step="1"' in box.group() and 'id="id_publish_at"' in box.group()
    assert '<label class="required" for="id_publish_at">' in form and 'name="publish_at_1"' not in form


@pytest.mark.django_db
def test_the_desk_form_refuses_a_past_time_and_keeps_the_text(editor_client, story):
    response = editor_client.post(reverse("admin:live_scheduledupdate_add"), {
        "article": story.pk, "publish_at": "2020-01-01T10:00:00", "headline": NEW, "body": "<p>Kept</p>",
    })
    assert response.status_code == 200 and "Choose a time in the future" in response.content.decode()
    assert NEW in response.content.decode() and not ScheduledUpdate.objects.exists()


@pytest.mark.django_db
def test_journalists_get_no_scheduled_updates(journalist_client, story):
    assert journalist_client.get(reverse("admin:live_scheduledupdate_add")).status_code == 403


@pytest.mark.django_db
def test_the_storys_desk_page_offers_to_schedule_an_update(editor_client, story):
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert f'href="{reverse("admin:live_scheduledupdate_add")}?article={story.pk}"' in page


@pytest.mark.django_db
def test_the_storys_desk_page_says_an_update_is_scheduled(editor_client, story, editor):
    """Whoever edits the story knows a new version of it is waiting (and that it will merge, or hold)."""
    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, standfirst=story.standfirst, body=story.body)
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert f'href="{reverse("admin:live_scheduledupdate_change", args=[update.pk])}">Update scheduled for 24 Nov 2026 ' in page




@pytest.mark.django_db
def test_an_update_that_cannot_be_applied_is_logged_and_pages_still_render(client, clock, story, editor, monkeypatch, caplog):
    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW)

    def broken_save(*args, **kwargs):
        raise DatabaseError("the disk is full")
    monkeypatch.setattr(Article, "save", broken_save)
    clock(TWO_PM)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200 and OLD in response.content.decode()
    update.refresh_from_db()
    assert update.applied_at is None and "Could not apply scheduled update" in caplog.text


@pytest.mark.django_db
def test_an_update_with_an_uncredited_photo_is_refused_and_one_whose_credit_was_removed_is_not_applied(
    clock, story, editor, editor_client, caplog,
):
    """Every published photo carries its credit: when the update is scheduled, and again at its second."""
    from django.core.exceptions import ValidationError
    from django.test import Client

    with pytest.raises(ValidationError, match="credit"):
        update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, lead_photo=PhotoFactory(bare=True))
    response = editor_client.post(reverse("admin:live_scheduledupdate_add"), {
        "article": story.pk, "publish_at": "2026-11-24T14:00:00", "headline": NEW,
        "lead_photo": PhotoFactory(bare=True).pk,
    })
    assert response.status_code == 200 and NEW in response.content.decode() and not ScheduledUpdate.objects.exists()
    photo = PhotoFactory()
    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, lead_photo=photo)
    type(photo).objects.filter(pk=photo.pk).update(credit_type="", agency=None, alt_text="")  # stripped meanwhile
    clock(TWO_PM)
    reader = Client()  # editor_client is the `client`, logged in: staff get no cached page and no clock
    assert OLD in reader.get(story.get_absolute_url()).content.decode()
    update.refresh_from_db()
    # Held, with the reason on the update's page: tried again at every request, it failed the same way each time.
    assert update.applied_at is None and update.held_at is not None and f"Scheduled update {update.pk} held" in caplog.text
    page = editor_client.get(reverse("admin:live_scheduledupdate_change", args=[update.pk])).content.decode()
    assert "Held at" in page and "Fix the photo" in page


def desk_edit(story, **fields):
    """A journalist's or editor's save of the live story on the desk, after the update was prepared."""
    for name, value in fields.items():
        setattr(story, name, value)
    story.save()


@pytest.mark.django_db
def test_a_desk_edit_of_a_field_the_update_leaves_alone_is_kept_when_it_applies(client, clock, story, editor):
    update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, standfirst=story.standfirst, body=story.body)
    desk_edit(story, body="<p>Nine dead, the coastguard said.</p>")
    clock(TWO_PM)
    content = client.get(story.get_absolute_url()).content.decode()
    assert NEW in content and "<p>Nine dead, the coastguard said.</p>" in content


@pytest.mark.django_db
def test_an_update_of_a_field_the_desk_changed_since_is_held_and_the_editor_is_told(reader, editor_client, clock, story, editor):
    update = held_update(story, editor, clock, reader)
    assert "Storm kills ten on the coast" in reader.get(story.get_absolute_url()).content.decode()
    update.refresh_from_db()
    assert update.held_at == TWO_PM and update.applied_at is None and not ScheduledUpdate.objects.due().exists()
    change_url = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    desk_page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert f'href="{change_url}"' in desk_page and "Scheduled update held" in desk_page
    page = editor_client.get(change_url).content.decode()
    assert "Held at 24 Nov 2026 14:00:00" in page and "changed the live story&#x27;s headline" in page
    assert "+Death toll rises to twelve" in page and "-Storm kills ten on the coast" in page  # both versions, side by side


@pytest.mark.django_db
def test_a_held_update_saved_again_from_its_form_applies_at_its_new_time(reader, editor_client, clock, story, editor):
    update = held_update(story, editor, clock, reader)
    form = editor_client.get(reverse("admin:live_scheduledupdate_change", args=[update.pk])).content.decode()
    response = editor_client.post(reverse("admin:live_scheduledupdate_change", args=[update.pk]),
                                  form_values(form, publish_at="2026-11-24T15:00:00"))
    assert response.status_code == 302
    clock(TWO_PM + timedelta(hours=1))
    assert NEW in reader.get(story.get_absolute_url()).content.decode()
    update.refresh_from_db()
    assert update.applied_at is not None and update.held_at is None


@pytest.mark.django_db
def test_a_held_update_saved_again_keeps_the_desks_fix_of_a_field_the_update_leaves(reader, editor_client, clock, story, editor):
    """Held for the headline, which both changed; the desk also fixed a typo in the body, which the update
    leaves as it was. Saved again, as its page asks, the update settles the headline only."""
    desk_edit(story, body="<p>Nine dead, the coastgaurd said.</p>")
    update = held_update(story, editor, clock, reader)
    desk_edit(story, body="<p>Nine dead, the coastguard said.</p>")  # after it was held, too
    change = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    form = editor_client.get(change).content.decode()
    assert editor_client.post(change, form_values(form, publish_at="2026-11-24T15:00:00")).status_code == 302
    clock(TWO_PM + timedelta(hours=1))
    content = reader.get(story.get_absolute_url()).content.decode()
    assert NEW in content and "<p>Nine dead, the coastguard said.</p>" in content


@pytest.mark.django_db
def test_the_form_remembers_the_text_it_showed_so_a_desk_edit_made_while_it_was_open_is_kept(reader, editor_client, clock, story):
    add = reverse("admin:live_scheduledupdate_add")
    form = editor_client.get(f"{add}?article={story.pk}").content.decode()
    desk_edit(story, body="<p>Nine dead, the coastguard said.</p>")  # while the editor writes the update
    response = editor_client.post(add, form_values(form, publish_at="2026-11-24T14:00:00", headline=NEW))
    assert response.status_code == 302
    clock(TWO_PM)
    content = reader.get(story.get_absolute_url()).content.decode()
    assert NEW in content and "<p>Nine dead, the coastguard said.</p>" in content


def body_photos(story) -> list:
    return [(use.photo_id, use.caption) for use in story.photo_uses.all()]


@pytest.mark.django_db
def test_an_update_replaces_the_body_photos_in_its_order_at_its_second(reader, editor_client, clock, story):
    kept, dropped, added = PhotoFactory(), PhotoFactory(), PhotoFactory()
    ArticlePhotoFactory(article=story, photo=kept, position=0, caption="The harbour wall")
    ArticlePhotoFactory(article=story, photo=dropped, position=1)
    add = reverse("admin:live_scheduledupdate_add")
    form = editor_client.get(f"{add}?article={story.pk}").content.decode()
    values = form_values(form, publish_at="2026-11-24T14:00:00", headline=NEW)
    assert values["photo_uses-0-photo"] == str(kept.pk) and values["photo_uses-1-photo"] == str(dropped.pk)  # starts from the story's
    values.update({"photo_uses-1-photo": str(added.pk), "photo_uses-1-caption": "Rescuers at dawn", "photo_uses-0-position": "5"})
    assert editor_client.post(add, values).status_code == 302
    page = editor_client.get(reverse("admin:live_scheduledupdate_change", args=[ScheduledUpdate.objects.get().pk])).content.decode()
    assert f"+photo {added.pk}: Rescuers at dawn" in page and f"-photo {dropped.pk}:" in page  # compared with the live story
    clock(TWO_PM - SECOND)
    reader.get(story.get_absolute_url())
    assert body_photos(story) == [(kept.pk, "The harbour wall"), (dropped.pk, "")]
    clock(TWO_PM)
    content = reader.get(story.get_absolute_url()).content.decode()
    assert body_photos(story) == [(added.pk, "Rescuers at dawn"), (kept.pk, "The harbour wall")]
    assert "Rescuers at dawn" in content and content.index("Rescuers at dawn") < content.index("The harbour wall")


@pytest.mark.django_db
def test_an_update_that_leaves_the_photos_alone_keeps_those_the_desk_added_meanwhile(client, clock, story, editor):
    update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, standfirst=story.standfirst, body=story.body)
    photo = PhotoFactory()
    ArticlePhotoFactory(article=story, photo=photo)  # added on the desk after the update was prepared
    clock(TWO_PM)
    assert NEW in client.get(story.get_absolute_url()).content.decode()
    assert body_photos(story) == [(photo.pk, "")]


@pytest.mark.django_db
def test_photos_changed_by_both_the_desk_and_the_update_hold_it(client, clock, story, editor):
    from live.models import ScheduledUpdatePhoto

    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=story.headline, standfirst=story.standfirst, body=story.body)
    ScheduledUpdatePhoto.objects.create(update=update, photo=PhotoFactory())
    desk_photo = PhotoFactory()
    ArticlePhotoFactory(article=story, photo=desk_photo)
    clock(TWO_PM)
    client.get(story.get_absolute_url())
    update.refresh_from_db()
    assert update.held_at == TWO_PM and body_photos(story) == [(desk_photo.pk, "")]


@pytest.mark.django_db
def test_the_forms_body_photos_need_their_credit_and_the_text_is_kept(editor_client, story):
    add = reverse("admin:live_scheduledupdate_add")
    form = editor_client.get(f"{add}?article={story.pk}").content.decode()
    values = form_values(form, publish_at="2026-11-24T14:00:00", headline=NEW,
                         **{"photo_uses-TOTAL_FORMS": "1", "photo_uses-0-photo": str(PhotoFactory(bare=True).pk)})
    response = editor_client.post(add, values)
    assert response.status_code == 200 and "credit" in response.content.decode() and NEW in response.content.decode()
    assert not ScheduledUpdate.objects.exists()


@pytest.mark.django_db
def test_a_form_that_did_not_start_from_the_story_is_refused_and_keeps_what_was_typed(editor_client, story):
    """Opened from the list's "Add", with the story picked in the form: an empty body would read as "remove it"."""
    add = reverse("admin:live_scheduledupdate_add")
    values = form_values(editor_client.get(add).content.decode(), article=str(story.pk), publish_at="2026-11-24T14:00:00",
                         headline=NEW, body="<p>Typed here</p>")
    response = editor_client.post(add, values)
    assert response.status_code == 200 and "did not start from the story" in response.content.decode()
    assert "Typed here" in response.content.decode() and not ScheduledUpdate.objects.exists()


def held_update(story, editor, clock, reader):
    """An update of the headline, which the desk changed too before its second: held at TWO_PM."""
    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, standfirst=story.standfirst, body=story.body)
    desk_edit(story, headline="Storm kills ten on the coast")
    clock(TWO_PM)
    reader.get("/")
    return update


@pytest.fixture
def reader():
    """An anonymous reader beside a logged-in editor (`client` is the editor's when both are asked for)."""
    from django.test import Client
    return Client()


@pytest.mark.django_db
def test_an_update_due_while_its_story_is_off_the_site_is_held_for_the_editor(reader, editor_client, clock, story, editor, caplog, committed):
    """Withdrawn for a legal check at 13:58 and back at 14:03: the 14:00 update is held, listed on the story's
    desk page with the reason, and goes out at a new time; it was cancelled with no word to anyone."""
    from desk.services import article_publish, article_withdraw

    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, standfirst=story.standfirst, body=story.body)
    clock(TWO_PM - 2 * 60 * SECOND)
    article_withdraw(article=story, by=editor, note="Legal check")
    clock(TWO_PM)
    reader.get("/")
    update.refresh_from_db()
    assert update.held_at == TWO_PM and update.cancelled_at is None and "not on the site at its time" in caplog.text
    change = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    assert "the story was not on the site at that time" in editor_client.get(change).content.decode()
    clock(TWO_PM + 3 * 60 * SECOND)
    article_publish(article=Article.objects.get(pk=story.pk), by=editor)
    desk_page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert f'href="{change}"' in desk_page and "Scheduled update held" in desk_page
    form = editor_client.get(change).content.decode()
    with committed():  # the new time moves the clock at its commit
        assert editor_client.post(change, form_values(form, publish_at="2026-11-24T14:10:00")).status_code == 302
    clock(TWO_PM + 10 * 60 * SECOND)
    assert NEW in reader.get(story.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_blocking_note_holds_an_update_at_its_time_until_it_is_resolved(reader, editor_client, clock, story, editor, committed):
    """As it holds a publication: the update is held, with the note named on its page, and goes out at a new
    time once the note is resolved."""
    from notes.services import note_add, note_resolve

    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, standfirst=story.standfirst, body=story.body)
    note = note_add(article=story, by=editor, text="Legal to read the new toll first", blocking=True)
    clock(TWO_PM)
    assert OLD in reader.get(story.get_absolute_url()).content.decode()
    update.refresh_from_db()
    assert update.held_at == TWO_PM and update.applied_at is None
    change = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    assert "Legal to read the new toll first" in editor_client.get(change).content.decode()
    note_resolve(note=note, by=editor)
    form = editor_client.get(change).content.decode()
    with committed():
        assert editor_client.post(change, form_values(form, publish_at="2026-11-24T14:10:00")).status_code == 302
    clock(TWO_PM + 10 * 60 * SECOND)
    assert NEW in reader.get(story.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_held_update_can_be_cancelled_from_the_list(reader, editor_client, clock, story, editor):
    update = held_update(story, editor, clock, reader)
    editor_client.post(reverse("admin:live_scheduledupdate_changelist"), {"action": "cancel", "_selected_action": [update.pk]})
    update.refresh_from_db()
    assert update.cancelled_at is not None and update.state == "Cancelled"
    desk_page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert "Scheduled update held" not in desk_page


@pytest.mark.django_db
def test_an_update_whose_body_photo_lost_its_credit_is_not_applied(reader, clock, story, editor, caplog):
    from live.models import ScheduledUpdatePhoto

    update = update_schedule(article=story, by=editor, at=TWO_PM, headline=NEW, standfirst=story.standfirst, body=story.body)
    photo = PhotoFactory()
    ScheduledUpdatePhoto.objects.create(update=update, photo=photo)
    type(photo).objects.filter(pk=photo.pk).update(credit_type="", agency=None)  # stripped after scheduling
    clock(TWO_PM)
    assert OLD in reader.get(story.get_absolute_url()).content.decode()
    update.refresh_from_db()
    assert update.applied_at is None and update.held_at is not None and body_photos(story) == []
    assert f"Scheduled update {update.pk} held" in caplog.text


def co_editor_client():
    from tests.factories import UserFactory
    return browser_of(UserFactory(username="co-editor", role="Editor"))


def scheduled_from_the_desk(editor_client, story) -> ScheduledUpdate:
    add = reverse("admin:live_scheduledupdate_add")
    response = editor_client.post(add, form_values(editor_client.get(f"{add}?article={story.pk}").content.decode(),
                                                   publish_at="2026-11-24T14:00:00", headline=NEW))
    assert response.status_code == 302
    return ScheduledUpdate.objects.get()


@pytest.mark.django_db
def test_a_stale_update_form_does_not_put_back_what_a_colleague_changed_in_it(editor_client, story):
    """Two editors have the same scheduled update open: the second save, from the page opened before the first,
    changes nothing, says what the colleague changed, and keeps what was typed; saved again, it goes through."""
    update = scheduled_from_the_desk(editor_client, story)
    change = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    page = opened_before_a_colleagues_save(editor_client, change, co_editor_client(),
                                           standfirst="Twelve dead, the coastguard said at noon.")
    response = editor_client.post(change, form_values(page, headline="Storm: death toll rises to twelve"))
    update.refresh_from_db()
    refused = response.content.decode()
    assert response.status_code == 200 and update.standfirst == "Twelve dead, the coastguard said at noon." and update.headline == NEW
    assert "This scheduled update was changed while you were editing it" in refused
    assert "standfirst: “Twelve dead, the coastguard said at noon.”" in refused
    assert 'value="Storm: death toll rises to twelve"' in refused
    again = editor_client.post(change, form_values(refused, standfirst="Twelve dead, the coastguard said at noon."))
    update.refresh_from_db()
    assert again.status_code == 302
    assert (update.headline, update.standfirst) == ("Storm: death toll rises to twelve", "Twelve dead, the coastguard said at noon.")


@pytest.mark.django_db
def test_a_stale_update_form_does_not_put_back_a_body_photo_caption_a_colleague_fixed(editor_client, story):
    ArticlePhotoFactory(article=story, photo=PhotoFactory(), caption="Rescuers at dawn", position=0)
    update = scheduled_from_the_desk(editor_client, story)
    change = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    page = editor_client.get(change).content.decode()
    colleague = co_editor_client()
    theirs = form_values(colleague.get(change).content.decode(), **{"photo_uses-0-caption": "Rescuers at dawn on Tuesday"})
    assert colleague.post(change, theirs).status_code == 302
    response = editor_client.post(change, form_values(page, headline="Storm: death toll rises to twelve"))
    assert response.status_code == 200 and "photos in the body: “Rescuers at dawn on Tuesday”" in response.content.decode()
    assert update.photo_uses.get().caption == "Rescuers at dawn on Tuesday"


@pytest.mark.django_db
def test_a_body_photo_a_colleague_took_out_of_the_update_is_refused_once_by_name_and_put_back_as_a_new_row(editor_client, story):
    """The stale row's id named nothing: its error sat on a hidden input, and every save failed with no reason shown."""
    photo = PhotoFactory(caption="Rescuers at dawn")
    ArticlePhotoFactory(article=story, photo=photo, caption="Rescuers at dawn", position=0)
    update = scheduled_from_the_desk(editor_client, story)
    change = reverse("admin:live_scheduledupdate_change", args=[update.pk])
    page = editor_client.get(change).content.decode()
    colleague = co_editor_client()
    assert colleague.post(change, form_values(colleague.get(change).content.decode(), **{"photo_uses-0-DELETE": "on"})).status_code == 302
    response = editor_client.post(change, form_values(page, **{"photo_uses-0-caption": "Rescuers at dawn on Tuesday"}))
    refused = response.content.decode()
    assert response.status_code == 200 and f"A colleague took photo “{photo}” (no. {photo.pk}) out of this update" in refused
    assert ">\nRescuers at dawn on Tuesday</textarea>" in refused and not update.photo_uses.exists()
    again = editor_client.post(change, form_values(refused))
    assert again.status_code == 302
    assert list(update.photo_uses.values_list("photo_id", "caption")) == [(photo.pk, "Rescuers at dawn on Tuesday")]
