"""The live desk through real requests: the composer, the entries' actions and alerts, by role."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from live import services
from live.models import Alert, LiveCoverage, LiveEntry
from tests.factories import ArticleFactory, LiveCoverageFactory, LiveEntryFactory, PhotoFactory, UserFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """These tests read what the desk saved; the page cache's purges are tested in test_schedule and test_entries."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def coverage():
    return LiveCoverageFactory()


def composer(coverage):
    return reverse("admin:live_livecoverage_change", args=[coverage.pk])


def action(coverage, entry, name):
    return reverse("admin:live_liveentry_action", args=[coverage.pk, entry.pk, name])


def head(client, coverage):
    client.logout()
    return client.get(reverse("live:head", kwargs={"pk": coverage.article_id})).json()


def test_editor_publishes_from_the_composer_and_readers_see_it(editor_client, coverage):
    page = editor_client.get(composer(coverage))
    assert page.status_code == 200
    assert "live/js/composer.js" in page.content.decode()
    response = editor_client.post(composer(coverage), {"kind": "key", "headline": "Bridge closed", "body": "Police closed the bridge."})
    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    assert (entry.status, entry.kind, entry.body) == ("published", "key", "<p>Police closed the bridge.</p>")
    assert head(editor_client, coverage)["seq"] == 1


def test_an_entry_with_an_uncredited_photo_comes_back_with_the_reason_and_its_text(editor_client, coverage):
    bare = PhotoFactory(bare=True, caption="Rescuers at the school")
    response = editor_client.post(composer(coverage), {"kind": "update", "body": "Pictures from the scene.", "photo": bare.pk})
    content = response.content.decode()
    assert response.status_code == 200 and not LiveEntry.objects.exists()
    assert "needs a credit" in content and "Pictures from the scene." in content


def test_editor_schedules_an_entry(editor_client, coverage):
    later = timezone.localtime() + timedelta(hours=1)
    editor_client.post(composer(coverage), {
        "kind": "update", "body": "At the top of the hour.",
        "published_at": later.strftime("%Y-%m-%dT%H:%M:%S"),
    })
    assert LiveEntry.objects.get().published_at > timezone.now()
    assert head(editor_client, coverage)["seq"] == 0


def test_journalists_entry_waits_for_an_editor(client, journalist, editor, coverage):
    client.force_login(journalist)
    client.post(composer(coverage), {"kind": "update", "body": "Witnesses describe the scene."})
    entry = LiveEntry.objects.get()
    assert entry.status == "review" and head(client, coverage)["seq"] == 0
    client.force_login(editor)
    client.post(action(coverage, entry, "publish"))
    assert head(client, coverage)["seq"] == 1


def test_journalist_posts_directly_when_the_coverage_allows_it(journalist_client, coverage):
    coverage.allow_direct_posting = True
    coverage.save()
    journalist_client.post(composer(coverage), {"kind": "update", "body": "Straight out."})
    assert LiveEntry.objects.get().status == "published"


def test_journalist_cannot_choose_the_time_even_by_a_forged_post(journalist_client, journalist, coverage):
    later = timezone.localtime() + timedelta(hours=1)
    journalist_client.post(composer(coverage), {
        "body": "Forged", "kind": "update",
        "published_at": later.strftime("%Y-%m-%dT%H:%M:%S"),
    })
    assert LiveEntry.objects.get().published_at is None  # the field is not offered, the value ignored
    with pytest.raises(PermissionDenied):
        services.entry_create(coverage=coverage, by=journalist, body="Forged", at=timezone.now() + timedelta(hours=1))


@pytest.mark.parametrize("name", ["pin", "unpin", "publish"])
def test_journalist_cannot_pin_or_publish(journalist_client, coverage, name):
    entry = LiveEntryFactory(coverage=coverage, status="review", published_at=None)
    response = journalist_client.post(action(coverage, entry, name), follow=True)
    assert response.status_code == 200 and f"You may not {name} this entry" in response.content.decode()
    assert LiveEntry.objects.get().status == "review" and not LiveEntry.objects.get().is_pinned


def test_journalists_composer_offers_edit_and_delete_only_on_their_own_entries_in_review(journalist_client, journalist, editor, coverage):
    theirs = services.entry_create(coverage=coverage, by=journalist, body="Witnesses describe the scene.")
    out = LiveEntryFactory(coverage=coverage, author=journalist)
    editors = services.entry_create(coverage=coverage, by=editor, body="Editor's published entry")
    page = journalist_client.get(composer(coverage)).content.decode()
    for entry, offered in [(theirs, True), (out, False), (editors, False)]:
        edit = reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])
        assert (edit in page, action(coverage, entry, "delete") in page) == (offered, offered)


def test_journalist_cannot_edit_or_delete_a_published_entry(journalist_client, journalist, coverage):
    """A page loaded before the entry was published gets the reason on the composer, not a bare 403."""
    entry = LiveEntryFactory(coverage=coverage, author=journalist)
    response = journalist_client.post(action(coverage, entry, "delete"), follow=True)
    assert response.status_code == 200 and "You may not delete this entry" in response.content.decode()
    edit = reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])
    response = journalist_client.get(edit, follow=True)
    assert response.redirect_chain == [(composer(coverage), 302)] and "You may not edit this entry" in response.content.decode()
    refused = journalist_client.post(edit, {"kind": "update", "body": "Changed"})  # a form opened before: its text back
    assert refused.status_code == 200 and "You may no longer change this entry" in refused.content.decode()
    assert LiveEntry.objects.get().deleted_at is None and LiveEntry.objects.get().body != "Changed"


def test_a_deleted_entrys_text_is_not_shown_to_a_journalist_who_posts_to_its_edit_page(journalist_client, editor, coverage):
    """The record of changes keeps the text an editor deleted (a wrong name, say): the edit page's answer to a
    journalist's POST (the text they typed back) does not carry it."""
    entry = services.entry_create(coverage=coverage, by=editor, body="Police name the suspect as Tomas Ridley, 34.")
    services.entry_delete(entry=entry, by=editor)
    edit = reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])
    response = journalist_client.post(edit, {"kind": "update", "body": "Typed here"})
    assert response.status_code == 200 and "Typed here" in response.content.decode()
    assert "Tomas Ridley" not in response.content.decode()


def test_editor_edits_and_deletes_with_a_record(editor_client, editor, coverage):
    entry = LiveEntryFactory(coverage=coverage, body="<p>Five dead</p>")
    edit = reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])
    page = editor_client.get(edit).content.decode()
    assert "live/js/composer.js" in page  # Ctrl+Enter sends the edit too, as the text's help says
    assert editor_client.post(edit, form_values(page, kind="correction", body="Four dead, police now say.")).status_code == 302
    editor_client.post(action(coverage, entry, "delete"))
    entry.refresh_from_db()
    assert entry.is_deleted and entry.body == ""
    page = editor_client.get(edit, follow=True)
    assert "This entry was deleted" in page.content.decode()  # a tombstone is not edited
    assert [(change.action, change.body_before) for change in entry.changes.order_by("pk")] == [
        ("edit", "<p>Five dead</p>"), ("delete", "<p>Four dead, police now say.</p>"),
    ]


def test_an_entry_and_a_change_whose_author_left_show_on_the_desk(editor_client, editor, coverage):
    """A deleted account leaves its entries and their record without an author, not the desk's pages a 500."""
    entry = services.entry_create(coverage=coverage, by=UserFactory(username="gone", role="Editor"), body="Bridge closed.")
    services.entry_edit(entry=entry, by=entry.author, body="Bridge closed both ways.")
    entry.author.delete()
    assert editor_client.get(composer(coverage)).status_code == 200
    assert editor_client.get(reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])).status_code == 200


def test_pinning_one_entry_unpins_the_other(editor_client, coverage):
    first, second = LiveEntryFactory(coverage=coverage), LiveEntryFactory(coverage=coverage)
    editor_client.post(action(coverage, first, "pin"))
    editor_client.post(action(coverage, second, "pin"))
    assert list(LiveEntry.objects.filter(is_pinned=True)) == [second]
    assert head(editor_client, coverage)["pinned"] == second.pk


def test_an_empty_entry_gets_a_form_error_and_keeps_the_headline(editor_client, coverage):
    response = editor_client.post(composer(coverage), {"kind": "key", "headline": "Keep me", "body": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode() and 'value="Keep me"' in response.content.decode()
    assert not LiveEntry.objects.exists()


def test_an_oversized_entry_is_refused_with_a_form_error(editor_client, coverage, settings):
    settings.ARTICLE_BODY_MAX_BYTES = 100
    response = editor_client.post(composer(coverage), {"kind": "update", "body": "<p>" + "x" * 200 + "</p>"})
    assert response.status_code == 200 and not LiveEntry.objects.exists()


def test_closed_coverage_offers_no_composer_and_refuses_entries(editor_client, coverage):
    editor_client.post(reverse("admin:live_livecoverage_close", args=[coverage.pk]))
    assert 'id="composer"' not in editor_client.get(composer(coverage)).content.decode()
    editor_client.post(composer(coverage), {"kind": "update", "body": "Late"})
    assert not LiveEntry.objects.exists()


def test_closed_coverage_offers_no_publish_and_refuses_it_with_a_message(editor_client, journalist, coverage):
    """An entry still in review when the coverage closed stays off the page that says "Ended"."""
    entry = services.entry_create(coverage=coverage, by=journalist, body="Police confirm two arrests.")
    editor_client.post(reverse("admin:live_livecoverage_close", args=[coverage.pk]))
    assert action(coverage, entry, "publish") not in editor_client.get(composer(coverage)).content.decode()
    response = editor_client.post(action(coverage, entry, "publish"), follow=True)  # a page loaded before the close
    assert response.status_code == 200 and "This coverage has ended" in response.content.decode()
    assert LiveEntry.objects.get().status == "review"
    assert "Police confirm two arrests." not in editor_client.get(coverage.article.get_absolute_url()).content.decode()


def test_coverage_with_an_entry_scheduled_for_later_stays_open_and_the_editor_is_told(editor_client, editor, coverage):
    """Closed, the entry would go out at its time on a page that says "Ended", to readers whose script stopped."""
    later = services.entry_create(coverage=coverage, by=editor, body="Curfew lifted at 18:00", at=timezone.now() + timedelta(hours=1))
    close = reverse("admin:live_livecoverage_close", args=[coverage.pk])
    response = editor_client.post(close, follow=True)
    assert "An entry is scheduled for" in response.content.decode()
    assert LiveCoverage.objects.get().is_open
    editor_client.post(action(coverage, later, "delete"))
    editor_client.post(close)
    assert not LiveCoverage.objects.get().is_open


def test_only_editors_open_coverage(client, journalist, editor):
    article = ArticleFactory(published=True)
    add = reverse("admin:live_livecoverage_add")
    client.force_login(journalist)
    assert client.post(add, {"article": article.pk}).status_code == 403
    client.force_login(editor)
    assert client.post(add, {"article": article.pk}).status_code == 302
    assert LiveCoverage.objects.get().article == article


@pytest.mark.parametrize("object_id", ["abc", "-1", "1x", "99999999999999999999"])
def test_a_malformed_composer_address_is_a_404(editor_client, object_id):
    assert editor_client.get(f"/admin/live/livecoverage/{object_id}/change/").status_code == 404


def test_readers_get_no_desk(client, coverage):
    assert client.get(composer(coverage)).status_code == 302  # to the login page


def test_editor_creates_an_alert_expiring_in_two_hours_by_default(editor_client):
    form = editor_client.get(reverse("admin:live_alert_add")).content.decode()
    assert '<input type="datetime-local" name="expires_at"' in form  # one labelled box, to the second
    article = ArticleFactory(published=True)
    now = timezone.localtime()
    later = now + timedelta(hours=2)
    response = editor_client.post(reverse("admin:live_alert_add"), {
        "headline": "Strong earthquake", "article": article.pk, "level": "breaking",
        "expires_at": later.strftime("%Y-%m-%dT%H:%M:%S"),
    })
    assert response.status_code == 302
    assert Alert.objects.get().created_by.username == "ed-editor"


@pytest.mark.parametrize(("story", "said"), [
    ({"published": True}, None),
    ({"status": "draft"}, "(Draft)"),
    ({"published": True, "publish_at": timezone.now() + timedelta(days=1)}, "(Scheduled for "),
    ({"status": "withdrawn"}, "(Withdrawn)"),
])
def test_an_alert_on_a_story_readers_do_not_see_is_saved_with_a_warning(editor_client, story, said):
    """Allowed (an alert made ready with its story), but an editor who expects the banner is told why there is none."""
    article = ArticleFactory(**story)
    response = editor_client.post(reverse("admin:live_alert_add"), {
        "headline": "Strong earthquake", "article": article.pk, "level": "breaking",
        "expires_at": (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S"),
    }, follow=True)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert Alert.objects.exists()
    if said is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warnings[0].startswith("No reader sees this alert yet") and said in warnings[0]


def test_an_alert_needs_an_expiry(editor_client):
    article = ArticleFactory(published=True)
    response = editor_client.post(reverse("admin:live_alert_add"), {"headline": "No end", "article": article.pk, "level": "breaking"})
    assert response.status_code == 200 and not Alert.objects.exists()


@pytest.mark.parametrize("seconds", [-3600, -1, 0])
def test_an_alert_that_would_never_show_is_refused_with_its_text_kept(editor_client, time_machine, seconds):
    """An expiry already past (a typo in the date) would save an alert no reader ever sees."""
    time_machine.move_to(timezone.now().replace(microsecond=0), tick=False)
    article = ArticleFactory(published=True)
    at = timezone.localtime() + timedelta(seconds=seconds)
    response = editor_client.post(reverse("admin:live_alert_add"), {
        "headline": "Dam breaks upstream", "article": article.pk, "level": "breaking",
        "expires_at": at.strftime("%Y-%m-%dT%H:%M:%S"),
    })
    assert response.status_code == 200 and not Alert.objects.exists()
    content = response.content.decode()
    assert "already passed" in content and 'value="Dam breaks upstream"' in content


def test_an_alert_ended_early_can_still_be_corrected(editor_client):
    """Its expiry, unchanged, is not asked again: an ended alert's headline may be fixed for the record."""
    alert = Alert.objects.create(headline="Dam braeks", article=ArticleFactory(published=True), level="breaking",
                                 expires_at=timezone.now().replace(microsecond=0) - timedelta(minutes=5))
    page = editor_client.get(reverse("admin:live_alert_change", args=[alert.pk])).content.decode()
    response = editor_client.post(reverse("admin:live_alert_change", args=[alert.pk]), form_values(page, headline="Dam breaks"))
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.headline == "Dam breaks"


def test_a_live_alerts_expiry_moved_into_the_past_is_refused(editor_client):
    alert = Alert.objects.create(headline="Dam breaks", article=ArticleFactory(published=True), level="breaking",
                                 expires_at=timezone.now().replace(microsecond=0) + timedelta(hours=1))
    page = editor_client.get(reverse("admin:live_alert_change", args=[alert.pk])).content.decode()
    past = timezone.localtime() - timedelta(minutes=1)
    response = editor_client.post(reverse("admin:live_alert_change", args=[alert.pk]), form_values(
        page, expires_at=past.strftime("%Y-%m-%dT%H:%M:%S")))
    assert response.status_code == 200 and "already passed" in response.content.decode()
    alert.refresh_from_db()
    assert alert.expires_at > timezone.now()


def test_journalists_cannot_create_or_see_alerts(journalist_client):
    assert journalist_client.get(reverse("admin:live_alert_changelist")).status_code == 403
    article = ArticleFactory(published=True)
    response = journalist_client.post(reverse("admin:live_alert_add"), {"headline": "x", "article": article.pk, "level": "breaking"})
    assert response.status_code == 403 and not Alert.objects.exists()


def test_the_storys_desk_page_links_to_its_coverage_or_offers_to_mark_it_live(editor_client, coverage):
    page = editor_client.get(reverse("admin:articles_article_change", args=[coverage.article_id])).content.decode()
    assert f'href="{composer(coverage)}"' in page
    other = ArticleFactory(published=True)
    page = editor_client.get(reverse("admin:articles_article_change", args=[other.pk])).content.decode()
    assert f'href="{reverse("admin:live_livecoverage_add")}?article={other.pk}"' in page


@pytest.mark.parametrize("who", ["editor_client", "journalist_client"])
def test_the_composer_finds_photos_in_the_library(request, who, coverage):
    PhotoFactory(caption="Flooded square in Millbridge")
    response = request.getfixturevalue(who).get(reverse("admin:autocomplete"), {
        "app_label": "live", "model_name": "liveentry", "field_name": "photo", "term": "Millbridge",
    })
    assert response.status_code == 200 and len(response.json()["results"]) == 1


def test_closing_and_reopening_write_only_the_end_time(editor_client, coverage):
    """The coverage's change number is taken under its row lock by every entry written meanwhile: a close or a
    reopen that saved its whole copy could write an older number back, and readers' scripts would miss edits."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for name in ("close", "reopen"):
        with CaptureQueriesContext(connection) as queries:
            editor_client.post(reverse(f"admin:live_livecoverage_{name}", args=[coverage.pk]))
        [update] = [query["sql"] for query in queries if query["sql"].startswith('UPDATE "live_livecoverage"')]
        assert '"changes"' not in update and '"ended_at"' in update, name


def test_every_entry_button_posts_with_its_csrf_token(editor, journalist, coverage):
    """A browser's POST carries the form's token or Django refuses it (403); the test client checks tokens only
    when asked. The composer's Pin, Delete and Publish forms came without one: every one of them was a 403."""
    import re

    from django.test import Client

    published = services.entry_create(coverage=coverage, by=editor, body="Police confirm two arrests.")
    in_review = services.entry_create(coverage=coverage, by=journalist, body="Witnesses describe a loud bang.")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    page = browser.get(composer(coverage)).content.decode()
    forms = re.findall(r'<form method="post" action="([^"]+)" class="inline">(.*?)</form>', page, re.S)
    assert {re.search(r'data-action="(\w+)"', body)[1] for _url, body in forms} >= {"pin", "publish", "delete"}
    for url, body in forms:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert token, f"no token in the form posting to {url}"
    pin = next(url for url, body in forms if 'data-action="pin"' in body)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    assert browser.post(pin, {"csrfmiddlewaretoken": token}).status_code == 302
    assert LiveEntry.objects.get(pk=published.pk).is_pinned and in_review.status == "review"


@pytest.mark.parametrize("listing", ["coverage", "alert", "scheduled update"])
def test_the_desks_lists_say_times_as_the_desk_does(editor_client, editor, clock, settings, listing):
    """To the second, in the newsroom's zone, with the zone: not the admin's "24 Nov 2026, 3:14 p.m."."""
    from times.desk import desk_time
    from live.updates import update_schedule
    from tests.factories import AlertFactory

    settings.TIME_ZONE = "Europe/Istanbul"
    story = ArticleFactory(published=True)
    if listing == "coverage":
        when, url, column = LiveCoverageFactory(article=story).started_at, "admin:live_livecoverage_changelist", "started_at"
    elif listing == "alert":
        when, url, column = AlertFactory(article=story).expires_at, "admin:live_alert_changelist", "expires_at"
    else:
        update = update_schedule(article=story, by=editor, at=timezone.now() + timedelta(hours=1), headline="Storm: nine dead")
        when, url, column = update.publish_at, "admin:live_scheduledupdate_changelist", "publish_at"
    shown = desk_time(when)
    assert shown.endswith(" +03") and shown.count(":") == 2
    assert f'<td class="field-{column}">{shown}</td>' in editor_client.get(reverse(url)).content.decode()
