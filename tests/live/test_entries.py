"""Entries on readers' surfaces: order, positions, pins, edits and tombstones."""
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from articles.metadata import iso
from articles.models import Article
from live import services
from live.models import LiveCoverage, LiveEntry, LiveEntryChange
from serving.pagecache import STATUS_HEADER
from tests.factories import LiveCoverageFactory, PhotoFactory, UserFactory
from tests.articles.reader import json_ld, meta_content, sitemap_index_lastmods, sitemap_urls
from tests.live.helpers import live_blog_posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage():
    return LiveCoverageFactory()


def url(coverage, name, query=""):
    return reverse(f"live:{name}", kwargs={"pk": coverage.article_id}) + query


def test_page_shows_the_pinned_entry_and_the_newest_twenty_newest_first(client, coverage, editor):
    entries = [services.entry_create(coverage=coverage, by=editor, body=f"Update {n}") for n in range(25)]
    services.entry_pin(entry=entries[2], by=editor)
    content = client.get(coverage.article.get_absolute_url()).content.decode()
    shown = [entry for entry in entries if f'id="entry-{entry.pk}"' in content]
    assert shown == entries[5:]
    assert content.index("Update 24") < content.index("Update 23")
    pinned_box = content.split("data-live-pinned>")[1].split("data-live-new")[0]
    assert f'data-entry="{entries[2].pk}"' in pinned_box and "id=" not in pinned_box  # a copy: one anchor per entry
    assert f'href="{url(coverage, "older")}?before=6"' in content
    assert 'data-seq="25"' in content


def test_the_pinned_copys_time_links_to_the_entrys_permalink(client, coverage, editor):
    """The pinned entry is often older than the newest twenty, so its anchor may not be on the page: the copy's
    time links to the permalink, which leads to the page holding the entry; an entry shown links to its anchor."""
    summary = services.entry_create(coverage=coverage, by=editor, body="What we know so far")
    newest = [services.entry_create(coverage=coverage, by=editor, body=f"Update {n}") for n in range(20)][-1]
    services.entry_pin(entry=summary, by=editor)
    content = client.get(coverage.article.get_absolute_url()).content.decode()
    pinned_box = content.split("data-live-pinned>")[1].split("data-live-new")[0]
    assert f'<a href="{summary.get_absolute_url()}"><time' in pinned_box
    assert f'<a href="#entry-{newest.pk}"><time' in content
    edited = client.get(url(coverage, "edits", "?after=0&upto=50")).json()["entries"]
    assert [row["url"] for row in edited if row["pinned"]] == [summary.get_absolute_url()]  # for the script's copy


def test_the_older_entries_link_stays_when_the_newest_fifty_entries_were_deleted(client, coverage, editor):
    """A desk that deleted the last fifty entries (a run of wrong updates) still leaves readers the way back to
    the five before them: the page passes over the tombstones it does not show."""
    entries = [services.entry_create(coverage=coverage, by=editor, body=f"Update {n}") for n in range(55)]
    for entry in entries[5:]:
        services.entry_delete(entry=entry, by=editor)
    content = client.get(coverage.article.get_absolute_url()).content.decode()
    assert not [entry for entry in entries if f'id="entry-{entry.pk}"' in content]
    older = re.search(r'href="([^"]*/older/\?before=\d+)"', content)[1]
    assert older == f"{url(coverage, 'older')}?before=6"
    assert [entry for entry in entries if f'id="entry-{entry.pk}"' in client.get(older).content.decode()] == entries[:5]


def test_older_page_shows_the_entries_before_a_position(client, coverage, editor):
    entries = [services.entry_create(coverage=coverage, by=editor, body=f"Update {n}") for n in range(25)]
    content = client.get(url(coverage, "older", "?before=6")).content.decode()
    assert [entry for entry in entries if f'id="entry-{entry.pk}"' in content] == entries[:5]
    assert client.get(url(coverage, "older", "?before=1")).status_code == 404


def test_older_pages_canonical_link_names_the_page_shown(client, coverage, editor):
    """The position is kept, as the view read it (other parameters dropped): /older/ alone is a 404."""
    for n in range(25):
        services.entry_create(coverage=coverage, by=editor, body=f"Update {n}")
    content = client.get(url(coverage, "older", "?before=6&utm_source=x")).content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', content)[1]
    assert canonical == f"http://testserver{url(coverage, 'older', '?before=6')}"
    assert f'<meta property="og:url" content="{canonical}">' in content
    assert client.get(url(coverage, "older")).status_code == 404


@pytest.mark.parametrize(("language", "back", "forward"), [("en", "&larr;", "&rarr;"), ("ar", "&rarr;", "&larr;")])
def test_older_pages_arrows_point_the_way_the_text_reads(client, coverage, editor, settings, language, back, forward):
    """Right to left, "Latest updates" points right and "Older entries" left; screen readers hear the words only."""
    settings.LANGUAGE_CODE = language
    for n in range(25):
        services.entry_create(coverage=coverage, by=editor, body=f"Update {n}")
    nav = client.get(url(coverage, "older", "?before=22")).content.decode().split('<nav class="pagination"')[1]
    assert f'<span aria-hidden="true">{back}</span> Latest updates</a>' in nav
    assert f'Older entries <span aria-hidden="true">{forward}</span></a>' in nav


def test_an_entrys_permalink_leads_to_the_page_holding_it_however_many_entries_follow(client, coverage, editor):
    """The feed's links and guids and the JSON-LD urls: the story's page holds the newest 20 only."""
    for n in range(5):
        services.entry_create(coverage=coverage, by=editor, body=f"Earlier update {n}")
    key = services.entry_create(coverage=coverage, by=editor, body="Minister resigns", kind=LiveEntry.Kind.KEY_EVENT)
    story = coverage.article.get_absolute_url()
    assert client.get(key.get_absolute_url())["Location"] == f"{story}#entry-{key.pk}"
    for n in range(20):
        services.entry_create(coverage=coverage, by=editor, body=f"Update {n}")
    link = re.search(r"<link>https?://[^/<]+(/[^<]*)</link>", client.get(url(coverage, "feed")).content.decode().split("<item>")[1])[1]
    assert link == key.get_absolute_url()
    page, anchor = client.get(link)["Location"].split("#")
    assert (page, anchor) == (f"{url(coverage, 'older')}?before=7", f"entry-{key.pk}")  # the 6th entry
    assert f'id="{anchor}"' in client.get(page).content.decode()
    services.entry_delete(entry=key, by=editor)
    assert client.get(link).status_code == 404


def test_range_gives_positions_in_stream_order_and_an_entry_published_later_takes_the_next_one(client, coverage, editor, time_machine):
    first = services.entry_create(coverage=coverage, by=editor, body="First")
    later = services.entry_create(coverage=coverage, by=editor, body="Scheduled", at=first.published_at + timedelta(minutes=5))
    second = services.entry_create(coverage=coverage, by=editor, body="Second")
    assert client.get(url(coverage, "head")).json()["seq"] == 2
    time_machine.move_to(later.published_at, tick=False)
    rows = client.get(url(coverage, "entries", "?after=0&upto=3")).json()["entries"]
    assert [(row["id"], row["position"]) for row in rows] == [(first.pk, 1), (second.pk, 2), (later.pk, 3)]


def test_range_is_refused_when_it_is_empty_or_too_long(client, coverage):
    assert client.get(url(coverage, "entries", "?after=5&upto=5")).status_code == 404
    assert client.get(url(coverage, "entries", "?after=0&upto=51")).status_code == 404
    assert client.get(url(coverage, "entries", "?after=x&upto=2")).status_code == 404


@pytest.mark.parametrize(("name", "query"), [
    ("older", "?before=2147483648"), ("older", f"?before={10**30}"),
    ("entries", "?after=2147483647&upto=2147483648"), ("edits", "?after=0&upto=9223372036854775808"),
])
def test_a_number_beyond_any_position_is_a_404_not_a_500(client, coverage, editor, name, query):
    services.entry_create(coverage=coverage, by=editor, body="First")
    assert client.get(url(coverage, name, query)).status_code == 404


def test_an_edit_reaches_the_cached_page_the_range_and_the_edits(client, coverage, editor, committed):
    entry = services.entry_create(coverage=coverage, by=editor, body="Two injured")
    page, the_range = coverage.article.get_absolute_url(), url(coverage, "entries", "?after=0&upto=1")
    client.get(page), client.get(the_range)
    rev = client.get(url(coverage, "head")).json()["rev"]
    with committed():
        services.entry_edit(entry=entry, by=editor, body="Three injured")
    assert "Three injured" in client.get(page).content.decode()
    assert "Three injured" in client.get(the_range).json()["entries"][0]["html"]
    head = client.get(url(coverage, "head")).json()
    assert head["rev"] > rev
    edited = client.get(url(coverage, "edits", f"?after={rev}&upto={head['rev']}")).json()["entries"]
    assert [row["id"] for row in edited] == [entry.pk]
    change = LiveEntryChange.objects.get(entry=entry, action="edit")
    assert (change.by, change.body_before) == (editor, "<p>Two injured</p>")


@pytest.mark.parametrize("surface", ["page", "range", "edits", "feed", "json-ld", "older"])
def test_a_tombstoned_entry_disappears_from_every_surface(client, coverage, editor, committed, surface):
    gone = services.entry_create(coverage=coverage, by=editor, body="Unverified claim", kind=LiveEntry.Kind.KEY_EVENT)
    for n in range(2):
        services.entry_create(coverage=coverage, by=editor, body=f"Later {n}", kind=LiveEntry.Kind.KEY_EVENT)
    address = {
        "page": coverage.article.get_absolute_url(), "json-ld": coverage.article.get_absolute_url(),
        "range": url(coverage, "entries", "?after=0&upto=3"), "edits": url(coverage, "edits", "?after=0&upto=50"),
        "feed": url(coverage, "feed"), "older": url(coverage, "older", "?before=3"),
    }[surface]
    assert "Unverified claim" in client.get(address).content.decode()
    with committed():
        services.entry_delete(entry=gone, by=editor)
    response = client.get(address)
    assert response[STATUS_HEADER] == "miss"
    assert "Unverified claim" not in response.content.decode()
    if surface == "range":
        assert [row["deleted"] for row in response.json()["entries"]] == [True, False, False]  # its place stays
    assert client.get(url(coverage, "head")).json()["seq"] == 3


def test_an_entrys_plain_text_keeps_its_paragraphs_apart(client, coverage, editor):
    """JSON-LD's articleBody, the feeds and the title of an untitled entry read words, not "km/h.About"."""
    services.entry_create(coverage=coverage, by=editor, body="<p>Gusts above 120 km/h.</p><p>About 200 homes<br>lost power.</p>")
    update = live_blog_posting(client.get(coverage.article.get_absolute_url()).content.decode())["liveBlogUpdate"][0]
    assert update["articleBody"] == "Gusts above 120 km/h. About 200 homes lost power."


def test_json_ld_is_a_live_blog_posting_with_coverage_times_and_updates(client, coverage, editor, committed):
    entry = services.entry_create(coverage=coverage, by=editor, body="<p>Rescue teams arrive.</p>", headline="Rescue")
    data = live_blog_posting(client.get(coverage.article.get_absolute_url()).content.decode())
    assert data["coverageStartTime"] and "coverageEndTime" not in data
    update = data["liveBlogUpdate"][0]
    assert update == {
        "@type": "BlogPosting", "headline": "Rescue", "url": update["url"],
        "datePublished": update["datePublished"], "articleBody": "Rescue teams arrive.",
    }
    assert update["url"] == f"http://testserver{entry.get_absolute_url()}"  # its permalink
    with committed():
        services.coverage_end(coverage=coverage, by=editor)
    assert "coverageEndTime" in live_blog_posting(client.get(coverage.article.get_absolute_url()).content.decode())


def test_json_ld_date_modified_follows_the_newest_entry_across_the_clock_change(client, editor, settings, time_machine):
    """01:10 GMT is 40 minutes after 01:30 BST, though it reads earlier."""
    settings.TIME_ZONE = "Europe/London"
    time_machine.move_to(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), tick=False)  # 01:30 BST: the story is saved
    coverage = LiveCoverageFactory()
    time_machine.move_to(datetime(2026, 10, 25, 1, 10, tzinfo=UTC), tick=False)  # 01:10 GMT
    services.entry_create(coverage=coverage, by=editor, body="Evacuation ordered")
    data = live_blog_posting(client.get(coverage.article.get_absolute_url()).content.decode())
    assert data["dateModified"] == data["liveBlogUpdate"][0]["datePublished"] == "2026-10-25T01:10:00+00:00"


def test_sitemaps_and_modified_time_follow_the_newest_entry_as_json_ld_does(client, editor, time_machine):
    """The story's page changed when its newest entry came out: lastmod, article:modified_time and dateModified
    all say so, in the section's sitemap, the news sitemap and the index alike."""
    time_machine.move_to(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False)
    coverage = LiveCoverageFactory()
    time_machine.move_to(datetime(2026, 11, 24, 13, 0, tzinfo=UTC), tick=False)
    entry = services.entry_create(coverage=coverage, by=editor, body="Evacuation ordered")
    services.entry_create(coverage=coverage, by=editor, body="Scheduled", at=entry.published_at + timedelta(hours=1))
    time_machine.move_to(datetime(2026, 11, 24, 13, 30, tzinfo=UTC), tick=False)
    article = coverage.article
    page = client.get(article.get_absolute_url()).content.decode()
    assert json_ld(page)["LiveBlogPosting"]["dateModified"] == entry.published_at.isoformat()
    assert meta_content(page, "article:modified_time") == [entry.published_at.isoformat()]
    story_url = f"http://testserver{article.get_absolute_url()}"
    for sitemap in (f"/sitemap-section-{article.section.slug}.xml", "/sitemap-news.xml"):
        lastmods = {url["loc"]: url["lastmod"] for url in sitemap_urls(client, sitemap)}
        assert lastmods[story_url] == entry.published_at.isoformat()
    index = sitemap_index_lastmods(client)
    assert index[f"http://testserver/sitemap-section-{article.section.slug}.xml"] == entry.published_at.isoformat()


def test_an_entry_edited_or_deleted_moves_the_story_on_and_never_back(client, editor, time_machine):
    """The page changed when an entry readers saw was edited or deleted too: the newest entry's deletion must not
    send lastmod and the API's updated_at back to the entry before it, or crawlers never come back for it."""
    time_machine.move_to(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False)
    coverage = LiveCoverageFactory()
    time_machine.move_to(datetime(2026, 11, 24, 13, 0, tzinfo=UTC), tick=False)
    first = services.entry_create(coverage=coverage, by=editor, body="Evacuation ordered")
    time_machine.move_to(datetime(2026, 11, 24, 13, 10, tzinfo=UTC), tick=False)
    second = services.entry_create(coverage=coverage, by=editor, body="Roads closed")
    early = services.entry_create(coverage=coverage, by=editor, body="Not yet", at=datetime(2026, 11, 24, 15, 0, tzinfo=UTC))
    time_machine.move_to(datetime(2026, 11, 24, 13, 20, tzinfo=UTC), tick=False)
    services.entry_edit(entry=first, by=editor, body="Evacuation ordered for the old town")
    time_machine.move_to(datetime(2026, 11, 24, 13, 30, tzinfo=UTC), tick=False)
    services.entry_delete(entry=second, by=editor)
    services.entry_delete(entry=early, by=editor)  # deleted before its time: readers never saw it
    time_machine.move_to(datetime(2026, 11, 24, 16, 0, tzinfo=UTC), tick=False)
    article = Article.objects.get(pk=coverage.article_id)
    assert article.modified_at == datetime(2026, 11, 24, 13, 30, tzinfo=UTC)
    assert client.get(f"/api/v1/stories/{article.pk}").json()["updated_at"] == "2026-11-24T13:30:00Z"


def test_a_coverage_deleted_with_its_entries_does_not_send_the_story_back_in_time(editor, time_machine):
    time_machine.move_to(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False)
    coverage = LiveCoverageFactory()
    time_machine.move_to(datetime(2026, 11, 24, 13, 0, tzinfo=UTC), tick=False)
    services.entry_create(coverage=coverage, by=editor, body="Evacuation ordered")
    time_machine.move_to(datetime(2026, 11, 24, 14, 0, tzinfo=UTC), tick=False)
    LiveCoverage.objects.get(pk=coverage.pk).delete()  # a site admin's: its entries go with it
    assert Article.objects.get(pk=coverage.article_id).modified_at == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


def test_the_api_finds_a_live_story_by_its_entries_time_in_updated_since_and_the_changes_feed(client, editor, time_machine):
    """An app polling with the last `updated_at` it saw hears of the story its entries changed."""
    time_machine.move_to(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False)
    coverage = LiveCoverageFactory()
    time_machine.move_to(datetime(2026, 11, 24, 14, 0, tzinfo=UTC), tick=False)
    services.entry_create(coverage=coverage, by=editor, body="Evacuation ordered")
    time_machine.move_to(datetime(2026, 11, 24, 14, 5, tzinfo=UTC), tick=False)
    listed = client.get("/api/v1/stories?updated_since=2026-11-24T13:30:00Z").json()["items"]
    assert [(item["id"], item["updated_at"]) for item in listed] == [(coverage.article_id, "2026-11-24T14:00:00Z")]
    changes = client.get("/api/v1/changes?since=2026-11-24T13:30:00Z").json()["items"]
    assert [(item["id"], item["change"], item["at"]) for item in changes] == [
        (coverage.article_id, "updated", "2026-11-24T14:00:00Z"),
    ]


def test_a_cached_sitemap_is_rendered_again_when_an_entry_is_published(client, coverage, editor, committed, time_machine):
    """The sitemaps carry no story's tag: the entry purges them itself, or crawlers read the old lastmod."""
    time_machine.move_to(coverage.article.updated_at + timedelta(minutes=10), tick=False)
    sitemap = f"/sitemap-section-{coverage.article.section.slug}.xml"
    before = sitemap_urls(client, sitemap)[0]["lastmod"]
    assert client.get(sitemap)[STATUS_HEADER] == "hit"
    with committed():
        entry = services.entry_create(coverage=coverage, by=editor, body="Evacuation ordered")
    response = client.get(sitemap)
    assert response[STATUS_HEADER] == "miss"
    assert sitemap_urls(client, sitemap)[0]["lastmod"] == iso(entry.published_at) != before


def test_closed_coverage_says_ended_takes_no_entries_and_loads_no_script(client, coverage, editor, committed):
    with committed():
        services.coverage_end(coverage=coverage, by=editor)
    content = client.get(coverage.article.get_absolute_url()).content.decode()
    assert ">Ended</span>" in content and "live.js" not in content
    assert client.get(url(coverage, "head")).json()["state"] == "ended"
    with pytest.raises(Exception, match="ended"):
        services.entry_create(coverage=coverage, by=editor, body="Too late")


def test_feed_carries_key_events_only(client, coverage, editor):
    services.entry_create(coverage=coverage, by=editor, body="Minor update")
    services.entry_create(coverage=coverage, by=editor, body="Dam breaks", kind=LiveEntry.Kind.KEY_EVENT, headline="Dam breaks")
    content = client.get(url(coverage, "feed")).content.decode()
    assert "<title>Dam breaks</title>" in content and "Minor update" not in content
    assert f'href="{url(coverage, "feed")}"' in client.get(coverage.article.get_absolute_url()).content.decode()


def test_feed_and_json_ld_carry_the_entrys_text_not_its_html_entities(client, coverage, editor):
    """An entry without a headline is titled by its text: "&" once escaped by the feed, not twice."""
    services.entry_create(coverage=coverage, by=editor, body="Smith & Sons factory <evacuated>", kind=LiveEntry.Kind.KEY_EVENT)
    feed = client.get(url(coverage, "feed")).content.decode()
    assert "<title>Smith &amp; Sons factory &lt;evacuated&gt;</title>" in feed
    update = live_blog_posting(client.get(coverage.article.get_absolute_url()).content.decode())["liveBlogUpdate"][0]
    assert update["headline"] == update["articleBody"] == "Smith & Sons factory <evacuated>"


def test_feed_description_is_the_entrys_text_escaped_as_html(client, coverage, editor):
    """RSS descriptions are HTML: the entry's text is escaped for HTML, then for XML, as the site's feeds do.
    Otherwise a reader drops "<evacuated>" as an unknown tag and shows "&lt;b&gt;" as bold markup."""
    services.entry_create(coverage=coverage, by=editor, kind=LiveEntry.Kind.KEY_EVENT, headline="Tip",
                          body="<p>Type &lt;b&gt; for bold, at AT&amp;T: staff &lt;evacuated&gt;</p>")
    feed = client.get(url(coverage, "feed")).content.decode()
    description = re.search(r"<item>.*?<description>(.*?)</description>", feed, re.S)[1]
    assert description == "Type &amp;lt;b&amp;gt; for bold, at AT&amp;amp;T: staff &amp;lt;evacuated&amp;gt;"


def test_feed_writes_a_control_character_stored_before_saves_removed_them_as_a_space(client, coverage, editor):
    """XML cannot carry one, so it was a 500; the site's feeds write it as a space, and so does this one."""
    titled = services.entry_create(coverage=coverage, by=editor, kind=LiveEntry.Kind.KEY_EVENT, headline="Dam", body="Water")
    untitled = services.entry_create(coverage=coverage, by=editor, kind=LiveEntry.Kind.KEY_EVENT, body="Water")
    Article.objects.filter(pk=coverage.article_id).update(headline="Quake\x0blive", standfirst="Tremor\x01felt")
    LiveEntry.objects.filter(pk=titled.pk).update(headline="Dam\x0bbreaks", body="<p>Water\x0crising</p>")
    LiveEntry.objects.filter(pk=untitled.pk).update(body="<p>Roads\x1fclosed</p>")
    response = client.get(url(coverage, "feed"))
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert (channel.findtext("title"), channel.findtext("description")) == ("Quake live: key events", "Tremor felt")
    items = [(item.findtext("title"), item.findtext("description")) for item in channel.iter("item")]
    assert items == [("Roads closed", "Roads closed"), ("Dam breaks", "Water rising")]


def test_feed_links_name_the_domain_not_the_port_a_reader_typed(client, coverage, editor, mirror_domain):
    """The feed is cached per domain: a Host with a port must not put that port in the next reader's links."""
    entry = services.entry_create(coverage=coverage, by=editor, body="Dam breaks", kind=LiveEntry.Kind.KEY_EVENT, headline="Dam breaks")
    content = client.get(url(coverage, "feed"), HTTP_HOST="mirror.example:8443").content.decode()
    assert ":8443" not in content
    assert f"<link>http://mirror.example{entry.get_absolute_url()}</link>" in content
    # The guid is on the primary, whichever mirror the feed is read on (tests/live/test_key_event_guids_on_primary.py).
    assert f'<guid isPermaLink="true">http://newsroom.example{entry.get_absolute_url()}</guid>' in content


def test_a_photo_entry_shows_its_credit_and_its_photo_becomes_public(client, coverage, editor):
    photo = PhotoFactory(caption="Rescuers at the collapsed school.")
    services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    assert "Rescuers at the collapsed school. <span class=\"figure__credit\">(AFP photo)</span>" in \
        client.get(coverage.article.get_absolute_url()).content.decode()
    assert client.get(f"/photos/{photo.pk}/480.jpg").status_code == 200


def test_an_entry_goes_out_only_with_a_credited_described_photo(client, coverage, editor, journalist):
    """The stories' rule holds for entries: sent, published or edited out, an entry's photo needs its credit
    and alt text; a journalist's entry in review may wait for them."""
    bare = PhotoFactory(bare=True, caption="Rescuers at the school")
    with pytest.raises(ValidationError, match="needs a credit"):
        services.entry_create(coverage=coverage, by=editor, body="Pictures", photo=bare)
    coverage.allow_direct_posting = False
    coverage.save()
    waiting = services.entry_create(coverage=coverage, by=journalist, body="Pictures", photo=bare)
    assert waiting.status == LiveEntry.Status.REVIEW
    with pytest.raises(ValidationError, match="needs a credit"):
        services.entry_publish(entry=waiting, by=editor)
    out = services.entry_create(coverage=coverage, by=editor, body="Words first")
    with pytest.raises(ValidationError, match="needs a credit"):
        services.entry_edit(entry=out, by=editor, body="Words first", photo=bare)
    assert client.get(f"/photos/{bare.pk}/480.jpg").status_code == 404


@pytest.mark.parametrize("surface", ["page", "range", "edits", "older"])
@pytest.mark.parametrize("change", ["caption", "agency", "author"])
def test_a_caption_credit_or_author_name_change_reaches_every_cached_entry_surface(client, coverage, editor, committed, surface, change):
    """An entry shows its photo's caption and credit line (the agency's short name) and its author's name:
    their own saves purge the cached page, ranges, edits and older pages that show it (a photo's change also gives
    the entry a new revision: the edits asked for here reach past it)."""
    photo = PhotoFactory(caption="Rescuers at the school.")
    first = services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    services.entry_create(coverage=coverage, by=editor, body="Later update")
    address = {"page": coverage.article.get_absolute_url(), "range": url(coverage, "entries", "?after=0&upto=1"),
               "edits": url(coverage, "edits", "?after=0&upto=50"), "older": url(coverage, "older", "?before=2")}[surface]
    client.get(address)
    assert client.get(address)[STATUS_HEADER] == "hit"
    with committed():
        if change == "caption":
            photo.caption = "Rescuers at the hospital."
            photo.save()
        elif change == "agency":
            photo.agency.short_name = "Wire9"
            photo.agency.save()
        else:
            editor.first_name, editor.last_name = "Renamed", "Reporter"
            editor.save()
    expected = {"caption": "Rescuers at the hospital.", "agency": "Wire9", "author": "Renamed Reporter"}[change]
    assert expected in client.get(address).content.decode()


@pytest.mark.parametrize("change", ["credit", "agency"])
def test_a_credit_fixed_in_the_library_moves_on_the_live_story_whose_entry_shows_the_photo(client, editor, committed, time_machine, change):
    """A photo's credit line changes what an entry shows, as it changes a story with the photo as its lead: the
    story's time of change follows (dateModified, the sitemaps' lastmod, the API's updated_at and changes feed),
    from every cache."""
    time_machine.move_to(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False)
    coverage = LiveCoverageFactory()
    photo = PhotoFactory()
    services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    article = coverage.article
    sitemap = f"/sitemap-section-{article.section.slug}.xml"
    story_url = f"http://testserver{article.get_absolute_url()}"
    client.get(article.get_absolute_url()), client.get(sitemap)
    time_machine.move_to(datetime(2026, 11, 24, 12, 30, tzinfo=UTC), tick=False)
    with committed():
        if change == "credit":
            photo.credit_type, photo.released_by = photo.CreditType.VIA_AGENCY, "Interior Ministry"
            photo.save()
        else:
            photo.agency.short_name = "Wire9"
            photo.agency.save()
    fixed = "2026-11-24T12:30:00+00:00"
    page = client.get(article.get_absolute_url()).content.decode()
    assert {"credit": "(Via AFP)", "agency": "(Wire9 photo)"}[change] in page
    assert json_ld(page)["LiveBlogPosting"]["dateModified"] == fixed
    assert {url["loc"]: url["lastmod"] for url in sitemap_urls(client, sitemap)}[story_url] == fixed
    assert client.get(f"/api/v1/stories/{article.pk}").json()["updated_at"] == "2026-11-24T12:30:00Z"


@pytest.mark.parametrize("change", ["photo form", "agency admin"])
def test_a_credit_fixed_in_the_library_reaches_a_page_already_open_on_the_live_story(client, coverage, editor, committed, change):
    """An open page polls head.json and fetches only the entries whose revision moved: a credit fixed on the desk
    gives each entry showing the photo a new revision, as its edit would, so the page shows the new credit without
    a reload (a wrong wire credit is a legal matter)."""
    photo = PhotoFactory()
    shown = services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    services.entry_create(coverage=coverage, by=editor, body="Later update")
    opened = client.get(url(coverage, "head")).json()["rev"]  # the open page's change number, cached
    desk = Client()
    with committed():
        if change == "photo form":
            desk.force_login(editor)
            response = desk.post(reverse("admin:photos_photo_change", args=[photo.pk]), {
                "caption": photo.caption, "alt_text": photo.alt_text, "credit_type": photo.CreditType.VIA_AGENCY,
                "agency": photo.agency_id, "photographer": "", "released_by": "Interior Ministry", "taken_on": "",
            })
        else:
            desk.force_login(UserFactory(username="root", is_superuser=True))
            response = desk.post(reverse("admin:photos_agency_change", args=[photo.agency_id]),
                                 {"short_name": "Wire9", "name": "Wire Nine", "is_active": "on"})
    assert response.status_code == 302
    polled = client.get(url(coverage, "head")).json()["rev"]
    assert polled > opened
    fetched = client.get(url(coverage, "edits", f"?after={opened}&upto={polled}")).json()["entries"]
    assert [row["id"] for row in fetched] == [shown.pk]
    assert {"photo form": "(Via AFP)", "agency admin": "(Wire9 photo)"}[change] in fetched[0]["html"]


def test_a_photo_change_readers_do_not_see_leaves_the_entries_revisions(coverage, editor, committed):
    """Only what an entry shows of its photo counts: a save that changes none of it sends open pages nothing."""
    photo = PhotoFactory()
    shown = services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    with committed():
        photo.taken_on = datetime(2026, 11, 23, tzinfo=UTC).date()
        photo.save()
    assert LiveEntry.objects.get(pk=shown.pk).revision == shown.revision


def test_body_is_sanitised_and_plain_text_becomes_paragraphs(coverage, editor):
    entry = services.entry_create(coverage=coverage, by=editor, body="One\n\nTwo<script>alert(1)</script>")
    assert "<script" not in entry.body
    plain = services.entry_create(coverage=coverage, by=editor, body="First line\n\nSecond")
    assert plain.body == "<p>First line</p>\n\n<p>Second</p>"


def test_body_headings_stay_below_the_entrys_headline(client, coverage, editor):
    """Entries' headlines are h3 under "Latest updates" (h2): an h2 or h3 in the body would leave the entry in the
    page's outline, so the body keeps h4 only and the others' words stay as text."""
    entry = services.entry_create(coverage=coverage, by=editor, headline="Roads",
                                  body="<h2>Closed roads</h2><p>A1 and A7.</p><h3>Detours</h3><h4>North</h4><p>B2.</p>")
    assert entry.body == "Closed roads<p>A1 and A7.</p>Detours<h4>North</h4><p>B2.</p>"
    content = client.get(coverage.article.get_absolute_url()).content.decode()
    shown = re.search(rf'<article [^>]*id="{entry.anchor}".*?</article>', content, re.S)[0]
    assert re.findall(r"<h([1-6])", shown) == ["3", "4"]


@pytest.mark.parametrize(("typed", "stored"), [
    ("Turnout was <40% in the north.\n\nMore results to follow.", "<p>Turnout was &lt;40% in the north.</p>\n\n<p>More results to follow.</p>"),
    ("Police named him as <John Smith>.", "<p>Police named him as &lt;John Smith&gt;.</p>"),
    ("x<y and z>w", "<p>x&lt;y and z&gt;w</p>"),
])
def test_plain_text_with_angle_brackets_keeps_its_paragraphs_and_words(coverage, editor, typed, stored):
    """Only a body holding a tag the sanitiser keeps is HTML; any other "<" is text."""
    assert services.entry_create(coverage=coverage, by=editor, body=typed).body == stored


def test_live_story_page_stays_within_the_article_budget_with_500_entries(client, coverage, warm_domains, django_assert_max_num_queries):
    LiveEntry.objects.bulk_create(
        LiveEntry(coverage=coverage, body=f"<p>Entry {n}</p>", status="published", published_at=coverage.started_at, stamp=n, revision=n)
        for n in range(1, 501)
    )
    client.get("/")  # the schedule check is read once for every page
    with django_assert_max_num_queries(7):  # the article's budget (tests/serving/test_query_budget.py)
        content = client.get(coverage.article.get_absolute_url()).content.decode()
    assert content.count('class="live-entry ') == 20


def test_an_entrys_photo_keeps_its_credit_while_its_story_is_off_the_site(editor, journalist):
    """Publishing a story checks its own photos, not its entries': a photo on an entry readers saw, its story
    withdrawn for a while, came back with a credit and alt text a journalist had blanked meanwhile."""
    from django.test import Client

    from desk.services import article_withdraw

    photo = PhotoFactory(caption="Rescuers at dawn")
    coverage = LiveCoverageFactory()
    services.entry_create(coverage=coverage, by=editor, body="Pictures from the scene", photo=photo)
    article_withdraw(article=coverage.article, by=editor)
    browser = Client()
    browser.force_login(journalist)
    response = browser.post(reverse("admin:photos_photo_change", args=[photo.pk]), {
        "caption": photo.caption, "alt_text": "", "credit_type": "", "agency": "", "photographer": "",
        "released_by": "", "taken_on": "",
    }, follow=True)
    assert "only an editor may change it" in response.content.decode()
    photo.refresh_from_db()
    assert photo.credit and photo.alt_text
