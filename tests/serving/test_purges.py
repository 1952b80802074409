"""A change purges exactly the cache tags it affects, once, after its transaction commits; drafts purge nothing."""
import http.server
import threading
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from desk.services import article_publish, article_withdraw
from serving import frontcache, purges
from serving.pagecache import STATUS_HEADER
from live.models import LiveEntry
from tests.factories import (
    ArticleFactory, ArticlePhotoFactory, CorrectionFactory, LiveEntryFactory, PhotoFactory, SectionFactory, UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]


@pytest.fixture
def story(db):
    author = UserFactory(first_name="Ada", last_name="Ekwueme")
    news = SectionFactory(slug="news", name="News")
    return ArticleFactory(
        published=True, headline="Harbour reopens", tags=["Ports"], authors=[author],
        section=SectionFactory(slug="coast", name="Coast", parent=news), lead_photo=PhotoFactory(),
    )


@pytest.fixture
def other(db):
    """A story that shares nothing with `story`: its page must stay cached through `story`'s changes."""
    return ArticleFactory(published=True, headline="Opera season opens", tags=["Music"], section=SectionFactory(slug="arts"))


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)[STATUS_HEADER] == "hit", url


def rename(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


# Each change of a story purges its pages and its card on the front page. A renamed tag or author is a change of
# the stories carrying it: they are stamped as saved (their time of change, which API lists show;
# articles/caching.py, `stamp`).
CHANGES = {
    "headline": lambda story: rename(story, headline="Harbour reopens after storm"),
    "withdraw": lambda story: rename(story, status=Article.Status.WITHDRAWN),
    "delete": lambda story: story.delete(),
    "section name": lambda story: rename(story.section, name="Shore"),
    "tag rename": lambda story: rename(Tag.objects.get(name="Ports"), name="Harbours"),
    "tag add": lambda story: story.tags.add("Storms"),
    "tag remove": lambda story: story.tags.remove("Ports"),
    "tag clear": lambda story: story.tags.clear(),
    "byline add": lambda story: story.authors.add(UserFactory()),
    "byline clear": lambda story: story.authors.clear(),
    "author name": lambda story: rename(story.authors.get(), last_name="Okoye"),
    "photo caption": lambda story: rename(story.lead_photo, caption="The quay at dawn"),
    "agency name": lambda story: rename(story.lead_photo.agency, short_name="XYZ"),
    "correction": lambda story: CorrectionFactory(article=story),
    "body photo": lambda story: ArticlePhotoFactory(article=story, photo=PhotoFactory()),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_purges_the_pages_that_show_it_and_no_other(client, story, other, change, committed):
    url = story.get_absolute_url()
    warm(client, "/", url, other.get_absolute_url())
    with committed():
        change(story)
    assert client.get(url)[STATUS_HEADER] != "hit"
    assert client.get("/")[STATUS_HEADER] != "hit"
    assert client.get(other.get_absolute_url())[STATUS_HEADER] == "hit"


def test_a_change_purges_the_page_on_every_domain(client, story, mirror_domain, committed):
    urls = [story.get_absolute_url()]
    for host in ("newsroom.example", "mirror.example"):
        client.get(urls[0], HTTP_HOST=host)
        assert client.get(urls[0], HTTP_HOST=host)[STATUS_HEADER] == "hit"
    with committed():
        rename(story, headline="Harbour reopens after storm")
    for host in ("newsroom.example", "mirror.example"):
        assert "after storm" in client.get(urls[0], HTTP_HOST=host).content.decode()


def test_a_withdrawn_story_leaves_every_warm_page_at_once(client, story, editor, committed):
    warm(client, "/", story.get_absolute_url(), "/feed/rss/", "/section/coast/", "/tag/ports/")
    with committed():
        article_withdraw(article=story, by=editor)
    assert "Harbour reopens" not in client.get("/").content.decode()
    assert "Harbour reopens" not in client.get("/feed/rss/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get("/tag/ports/").status_code == 404


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW, "scheduled"])
def test_a_save_readers_cannot_see_purges_nothing(client, story, status, committed, sent, django_assert_num_queries):
    """A draft, a story in review or a scheduled one that stays scheduled: the cached pages are the same
    bytes after the save, served with no query."""
    fields = {"status": Article.Status.PUBLISHED, "publish_at": timezone.now() + timedelta(hours=3)} \
        if status == "scheduled" else {"status": status}
    unseen = ArticleFactory(section=story.section, tags=["Ports"], authors=list(story.authors.all()), **fields)
    urls = ["/", story.get_absolute_url(), "/section/coast/", "/tag/ports/", "/feed/rss/"]
    before = {url: client.get(url).content for url in urls}
    with committed():
        rename(unseen, headline="A new headline", body="<p>More words.</p>")
        unseen.tags.add("Storms")
        CorrectionFactory(article=unseen)
    assert sent == []
    for url in urls:
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response[STATUS_HEADER] == "hit" and response.content == before[url], url


def test_a_publication_purges_the_story_its_listings_sections_tags_and_authors(story, editor, committed, sent):
    draft = ArticleFactory(status=Article.Status.DRAFT, section=story.section, tags=["Ports", "Storms"], authors=[editor])
    with committed():
        article_publish(article=draft, by=editor)
    section, news = draft.section, draft.section.parent
    tag_ids = sorted(Tag.objects.filter(name__in=["Ports", "Storms"]).values_list("pk", flat=True))
    assert sent == [({
        f"story-{draft.pk}", "home", "feeds", "sitemaps", "search", f"section-{section.pk}", f"section-{news.pk}",
        *(f"tag-{pk}" for pk in tag_ids), f"author-{editor.pk}",
    }, False)]


def test_an_edit_of_a_live_story_purges_the_story_with_sitemaps_and_search(story, committed, sent):
    with committed():
        rename(story, standfirst="A new standfirst.")
    assert sent == [({f"story-{story.pk}", "sitemaps", "search"}, False)]


def test_a_withdrawal_purges_hard_so_no_front_cache_serves_it_stale(story, editor, committed, sent):
    with committed():
        article_withdraw(article=story, by=editor)
    assert len(sent) == 1 and sent[0][1] is True and f"story-{story.pk}" in sent[0][0]


def photo_taken_off(story, change):
    """Take a photo off `story`, which stays public; return the photo."""
    if change == "lead photo replaced":
        photo, story.lead_photo = story.lead_photo, PhotoFactory()
        story.save()
        return photo
    use = ArticlePhotoFactory(article=story, photo=PhotoFactory())
    purges.pending.__init__()  # added before: only the change below counts
    if change == "body photo removed":
        use.delete()
    else:
        photo, use.photo = use.photo, PhotoFactory()
        use.save()
        return photo
    return use.photo


@pytest.mark.parametrize("change", ["lead photo replaced", "body photo removed", "body photo swapped"])
def test_a_photo_taken_off_a_public_story_purges_it_hard(story, committed, sent, change):
    """It may no longer be public: a front cache must not serve it stale while it refetches."""
    with committed():
        photo = photo_taken_off(story, change)
    assert len(sent) == 1 and sent[0][1] is True and f"photo-{photo.pk}" in sent[0][0]


def test_a_body_photos_caption_changed_purges_softly(story, committed, sent):
    use = ArticlePhotoFactory(article=story)
    with committed():
        use.caption = "The quay at dawn"
        use.save()
    assert sent == [({f"story-{story.pk}", "sitemaps"}, False)]


@pytest.mark.parametrize("change", ["photo swapped", "taken back to review", "deleted"])
def test_a_photo_taken_off_a_live_entry_readers_saw_purges_it_hard(committed, sent, change):
    photo = PhotoFactory()
    entry = LiveEntryFactory(photo=photo)
    with committed():
        if change == "photo swapped":
            entry.photo = PhotoFactory()
        elif change == "taken back to review":
            entry.status = LiveEntry.Status.REVIEW
        else:
            entry.deleted_at, entry.photo = timezone.now(), None
        entry.save()
    assert len(sent) == 1 and sent[0][1] is True and f"photo-{photo.pk}" in sent[0][0]


def test_a_story_scheduled_soon_purges_hard_the_pages_it_will_join(story, editor, committed, sent):
    """Copies stored before the schedule existed have stale windows its moment did not cap: a soft purge
    would let a front cache serve one, without the story, after its time."""
    draft = ArticleFactory(status=Article.Status.DRAFT, section=story.section)
    with committed():
        article_publish(article=draft, by=editor, at=timezone.now() + timedelta(minutes=2))
    assert len(sent) == 1 and sent[0][1] is True and {"home", f"story-{draft.pk}"} <= sent[0][0]


def test_a_story_scheduled_far_ahead_purges_nothing(story, editor, committed, sent):
    """Every cached copy expires before its moment anyway (the clock cap does the rest)."""
    draft = ArticleFactory(status=Article.Status.DRAFT, section=story.section)
    with committed():
        article_publish(article=draft, by=editor, at=timezone.now() + timedelta(hours=3))
    assert sent == []


def test_purges_wait_for_the_commit_and_go_out_once(client, story, django_capture_on_commit_callbacks, sent):
    warm(client, story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rename(story, headline="Harbour reopens after storm")
        story.tags.add("Storms")
    assert client.get(story.get_absolute_url())[STATUS_HEADER] == "hit"  # not committed: readers see the old page
    for callback in callbacks:
        callback()
    assert len(sent) == 1
    assert client.get(story.get_absolute_url())[STATUS_HEADER] == "miss"


def test_a_login_purges_nothing(client, story, editor, committed, sent):
    warm(client, "/")
    with committed():
        client.force_login(editor)  # stamps last_login
    assert sent == []


def test_a_page_rendered_while_a_purge_ran_is_not_kept(client, story, monkeypatch):
    """Its rows may predate the change the purge announced; the next reader renders afresh."""
    from articles import views

    real = views.tag_listing

    def purge_while_rendering(*args):
        purges.purge(["unrelated"])  # outside the test's transaction nothing waits: it goes out at once
        purges.flush()
        real(*args)

    monkeypatch.setattr(views, "tag_listing", purge_while_rendering)
    assert client.get("/")[STATUS_HEADER] == "miss"
    monkeypatch.setattr(views, "tag_listing", real)
    assert client.get("/")[STATUS_HEADER] == "miss"
    assert client.get("/")[STATUS_HEADER] == "hit"


def test_a_page_a_purge_overtook_while_it_rendered_is_kept_by_no_cache(client, story, monkeypatch):
    """A purge of one of its tags committed during the render may have reached the front caches already: the
    render, which may show what it took away, is sent with no lifetime, and kept by no cache."""
    from articles import views

    real = views.tag_listing

    def purge_while_rendering(*args):
        purges.purge(["home"])
        purges.flush()
        real(*args)

    monkeypatch.setattr(views, "tag_listing", purge_while_rendering)
    overtaken = client.get("/")
    assert overtaken[STATUS_HEADER] == "miss" and "s-maxage=0," in overtaken["Cache-Control"]
    assert "stale-while-revalidate=0" in overtaken["Cache-Control"]
    monkeypatch.setattr(views, "tag_listing", real)
    assert client.get("/")[STATUS_HEADER] == "miss"
    assert client.get("/")[STATUS_HEADER] == "hit"


class FlakyFrontCache(http.server.BaseHTTPRequestHandler):
    """A front cache that refuses its first purge and takes the next."""

    answers = []
    received = []

    def do_PURGE(self):  # noqa: N802 - the method name http.server dispatches to
        type(self).received.append({name.lower(): value for name, value in self.headers.items()})
        self.send_response(self.answers.pop(0) if self.answers else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FlakyFrontCache)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FlakyFrontCache.answers[:] = [503]
    FlakyFrontCache.received[:] = []
    FlakyFrontCache.url = f"http://127.0.0.1:{server.server_port}/"
    settings.FRONT_CACHES = [FlakyFrontCache.url]
    settings.FRONT_CACHE_RETRY_SECONDS = 0.05
    yield FlakyFrontCache
    server.shutdown()


def test_a_failed_purge_is_retried_and_shown_on_the_health_check_until_it_succeeds(client, story, committed, front_cache):
    with committed():
        rename(story, headline="Harbour reopens after storm")
    deadline = timezone.now() + timedelta(seconds=10)
    while len(front_cache.received) < 2 and timezone.now() < deadline:
        if len(front_cache.received) == 1:
            failing = client.get("/healthz").json()["front_caches"]
            assert failing == "ok" or "HTTP 503" in next(iter(failing.values()))
    assert len(front_cache.received) == 2, "the refused purge was not sent again"
    first, second = front_cache.received
    assert first == second and set(first["xkey-purge"].split()) == {f"story-{story.pk}", "sitemaps", "search"}
    assert first["xkey-soft"] == "1"
    deadline = timezone.now() + timedelta(seconds=5)
    while client.get("/healthz").json()["front_caches"] != "ok" and timezone.now() < deadline:
        pass
    assert client.get("/healthz").json()["front_caches"] == "ok"
    assert cache.get(frontcache.FAILING_KEY + front_cache.url) is None


def test_a_hard_purge_is_sent_again_for_pages_still_on_their_way_and_a_soft_one_is_not(story, committed, front_cache, settings, editor):
    """A page rendered before a withdrawal and landing in Varnish after its purge (which reaches only what Varnish
    holds) was kept under the story's tag for its whole s-maxage: found by a reviewer through a real Varnish, with a
    proxy holding the page back. The purge is sent again once such pages have landed."""
    settings.FRONT_CACHE_REPEATS = [0.05, 0.1]
    front_cache.answers[:] = []
    with committed():
        rename(story, headline="Harbour reopens after storm")  # an edit: soft, sent once
    with committed():
        article_withdraw(article=story, by=editor)
    deadline = timezone.now() + timedelta(seconds=10)
    while len(front_cache.received) < 4 and timezone.now() < deadline:
        pass
    edit, *withdrawal = front_cache.received
    assert edit["xkey-soft"] == "1" and len(withdrawal) == 3
    assert all(purge == withdrawal[0] and "xkey-soft" not in purge for purge in withdrawal)
    assert f"story-{story.pk}" in withdrawal[0]["xkey-purge"].split()
    deadline = timezone.now() + timedelta(seconds=0.3)
    while timezone.now() < deadline:  # nothing more comes: the soft purge is not repeated, nor the repeats
        pass
    assert len(front_cache.received) == 4


def test_a_save_never_waits_for_a_dead_front_cache(story, committed, settings):
    settings.FRONT_CACHES = ["http://127.0.0.1:9/"]  # nothing listens: the purge fails in the background
    with committed():
        rename(story, headline="Harbour reopens after storm")
    assert Article.objects.get(pk=story.pk).headline == "Harbour reopens after storm"


def test_a_publication_purges_the_pages_whose_related_stories_it_joins(client, story, other, editor, committed):
    warm(client, story.get_absolute_url(), other.get_absolute_url())
    sibling = ArticleFactory(status=Article.Status.DRAFT, headline="Ferries resume", tags=["Ports"])
    with committed():
        article_publish(article=sibling, by=editor)
    assert "Ferries resume" in client.get(story.get_absolute_url()).content.decode()  # under "Related stories"
    assert client.get(other.get_absolute_url())[STATUS_HEADER] == "hit"


def test_a_domain_change_purges_every_page(client, story, other, mirror_domain, committed):
    """The footer lists the mirrors and canonical links name the primary: every page shows the domains."""
    from tests.factories import DomainFactory

    warm(client, "/", story.get_absolute_url(), other.get_absolute_url())
    with committed():
        DomainFactory(hostname="mirror2.example", position=2)
    for url in ["/", story.get_absolute_url(), other.get_absolute_url()]:
        assert "mirror2.example" in client.get(url).content.decode(), url


@pytest.mark.parametrize("change", ["tagged", "renamed"])
def test_a_tag_page_asked_for_before_the_tag_existed_shows_the_story_once_it_carries_it(client, story, change, committed):
    """The 404 (and feed) of a tag that names nothing yet ends with whatever brings a live story under that
    name: a new tag on it, or its tag renamed."""
    urls = ["/tag/storms/", "/tag/storms/feed/rss/"]
    for url in urls:
        assert client.get(url).status_code == 404 and client.get(url)[STATUS_HEADER] == "hit"
    with committed():
        if change == "tagged":
            story.tags.add("Storms")
        else:
            tag = Tag.objects.get(name="Ports")
            tag.name, tag.slug = "Storms", "storms"
            tag.save()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and "Harbour reopens" in response.content.decode(), url


@pytest.mark.parametrize("change", ["made", "renamed"])
def test_a_section_page_asked_for_before_the_section_existed_shows_it_once_it_does(client, story, change, committed):
    """A subsection is in no masthead: its 404 ends with the section made, or another renamed to its slug."""
    assert client.get("/section/shore/").status_code == 404 and client.get("/section/shore/")[STATUS_HEADER] == "hit"
    with committed():
        if change == "made":
            SectionFactory(slug="shore", name="Shore", parent=story.section.parent)
        else:
            story.section.slug, story.section.name = "shore", "Shore"
            story.section.save()
    response = client.get("/section/shore/")
    assert response.status_code == 200
    assert ("Harbour reopens" in response.content.decode()) == (change == "renamed")


@pytest.mark.parametrize(("url", "listed"), [("/sitemap-pages.xml", "/section/{}/"), ("/sitemap.xml", "/sitemap-section-{}.xml")])
def test_a_renamed_subsection_reaches_cached_sitemaps(client, story, url, listed, committed):
    """The pages sitemap lists every section, the index each section's sitemap: a subsection's new slug, not its old."""
    warm(client, url)
    with committed():
        rename(story.section, slug="shore")
    content = client.get(url).content.decode()
    assert listed.format("shore") in content and listed.format("coast") not in content


@pytest.mark.parametrize("url", ["/feed/rss/", "/feed/atom/", "/section/coast/feed/rss/"])
def test_a_renamed_tag_reaches_the_categories_of_cached_feeds(client, story, url, committed):
    """Feed items list their story's tag names as categories: the feed carries those tags."""
    assert "Ports" in client.get(url).content.decode()
    assert client.get(url)[STATUS_HEADER] == "hit"
    with committed():
        tag = Tag.objects.get(name="Ports")
        tag.name = "Harbours"
        tag.save()
    content = client.get(url).content.decode()
    assert "Harbours" in content and "Ports" not in content


@pytest.mark.parametrize("url", ["/api/v1/stories", "/feed/atom/"])
@pytest.mark.parametrize("change", ["caption", "agency"])
def test_a_body_photo_fixed_in_the_library_reaches_the_lists_that_show_the_storys_time(client, story, time_machine, committed, url, change):
    """The fix stamps the story as saved (the API's changes feed hears of it), and the lists that show its time
    of change (API items, Atom entries) name only its lead photo: its own tag must go, as a save's would."""
    photo = PhotoFactory(caption="Cranes idle on the quay")
    ArticlePhotoFactory(article=story, photo=photo)
    time_machine.move_to(timezone.now() + timedelta(seconds=10), tick=False)
    warm(client, url)
    before = client.get(url).content
    time_machine.move_to(timezone.now() + timedelta(seconds=10), tick=False)
    with committed():
        if change == "caption":
            rename(photo, caption="Cranes idle on the north quay")
        else:
            rename(photo.agency, short_name="Reuters")
    assert client.get(url).content != before


def test_a_section_moved_to_another_top_section_moves_its_subsections_stories_on_the_front_page(client, committed):
    """The front page groups stories by top section and names each card's own section: a story two levels down
    changed block with nothing on the page purged."""
    news, arts = SectionFactory(slug="news", name="News", position=1), SectionFactory(slug="arts", name="Arts", position=2)
    coast = SectionFactory(slug="coast", name="Coast", parent=news)
    ArticleFactory(published=True, headline="Harbour reopens", section=SectionFactory(slug="harbour", parent=coast))
    ArticleFactory(published=True, headline="Opera season opens", section=SectionFactory(slug="opera", parent=arts))
    warm(client, "/")
    with committed():
        rename(coast, parent=arts)
    assert 'id="section-news"' not in client.get("/").content.decode()


def test_a_purge_the_front_cache_refuses_is_an_error_at_once_not_retried(front_cache, caplog):
    """A 403 says this server may not purge (Varnish's purge ACL, VARNISH_PURGERS): sending it again eight times
    over minutes only delayed the error line an operator needs."""
    front_cache.answers[:] = [403]
    sender = frontcache.Sender()
    sender.queue.put((front_cache.url, ["story-1"], False, 0))
    sender.queue.put(frontcache.STOP)
    with caplog.at_level("ERROR", logger="serving.frontcache"):
        sender.run()  # here, not in its thread: what it does with the refusal is done when it returns
    assert len(front_cache.received) == 1 and sender.retries == {}
    assert "refused the purge of 1 tags (HTTP 403)" in caplog.text and "VARNISH_PURGERS" in caplog.text


def test_a_count_evicted_between_its_start_and_its_step_is_started_again():
    """Purge numbers and domain generations (serving.purges.next_count): an eviction at the wrong moment loses
    no step. No real cache evicts on cue: this one does, once."""
    from serving.purges import next_count

    class EvictsOnce:
        def __init__(self):
            self.values, self.evicted = {}, False

        def add(self, key, value, timeout=None):
            self.values.setdefault(key, value)

        def incr(self, key):
            if not self.evicted:
                self.evicted = self.values.pop(key) is not None
                raise ValueError(f"Key '{key}' not found.")
            self.values[key] += 1
            return self.values[key]

    cache = EvictsOnce()
    assert next_count(cache, "count") == cache.values["count"] and cache.evicted
