"""Page parts: after a change, a story page is rebuilt from the parts it did not touch, never from a stale one."""
import math
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from articles.models import Article, Section
from photos.models import Agency
from serving.cache import LazyValues
from serving.fragments import Fragments, Scope
from serving.invalidation import page_cache_bump, shared_cache
from serving.pagecache import STATUS_HEADER
from tests.factories import (
    AgencyFactory, ArticleFactory, ArticlePhotoFactory, CorrectionFactory, PhotoFactory, SectionFactory, UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache_backend")]
User = get_user_model()

NOON = datetime(2026, 11, 24, 12, 0, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
# Reading the bylines is the mark of a story's own parts being built: nothing else on the page needs them.
BYLINES = 'FROM "auth_user" INNER JOIN "articles_article_authors"'


@pytest.fixture
def story(db):
    news = SectionFactory(slug="news", name="News")
    politics = SectionFactory(slug="politics", name="Politics", parent=news)
    author = UserFactory(first_name="Ada", last_name="Ekwueme")
    UserFactory(first_name="Omar", last_name="Haddad")  # not on the byline (yet): accounts are made beforehand
    lead = PhotoFactory(caption="Delegates leave the hall.", agency=AgencyFactory(short_name="AFP"))
    article = ArticleFactory(
        published=True, section=politics, headline="Talks resume in the capital", tags=["Syria", "Turkey"],
        authors=[author], lead_photo=lead, body="<p>The delegations met at dawn.</p>",
    )
    ArticlePhotoFactory(article=article, photo=PhotoFactory(caption="The hall before the vote.", staff=True))
    CorrectionFactory(article=article, text="An earlier version misspelt the envoy's name.")
    return article


def body(response) -> str:
    return response.content.decode()


def built_story_parts(captured) -> bool:
    return any(BYLINES in query["sql"] for query in captured)


def warm(client, url) -> str:
    first = client.get(url)
    assert client.get(url)[STATUS_HEADER] == "hit"
    return body(first)


def test_after_another_story_is_published_the_page_is_rebuilt_from_the_story_parts(client, story):
    """Gate, related stories and the schedule are read again; the story, bylines, photos and menu are not.

    The new story comes with a new tag, a new byline and a new photo, as a story from the desk does.
    """
    url = story.get_absolute_url()
    reporter = User.objects.get(last_name="Haddad")
    before = warm(client, url)
    other = ArticleFactory(published=True, section=story.section, headline="Unrelated sports result",
                           tags=["Sport"], authors=[reporter], lead_photo=PhotoFactory())
    ArticlePhotoFactory(article=other, photo=PhotoFactory())
    CorrectionFactory(article=other)
    with CaptureQueriesContext(connection) as captured:
        after = client.get(url)
    assert after[STATUS_HEADER] == "miss"
    assert body(after) == before
    assert len(captured) <= 4  # schedule, the story (the gate), its tags, related stories
    assert not built_story_parts(captured)


def test_the_page_rebuilt_from_parts_is_the_page_rendered_afresh(client, story):
    url = story.get_absolute_url()
    warm(client, url)
    page_cache_bump(parts=False)
    from_parts = body(client.get(url))
    page_cache_bump()
    assert body(client.get(url)) == from_parts


def edit(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


def rename_author(story):
    edit(story.authors.get(), last_name="Okoye")
    return "Ada Okoye", "Ekwueme"


def recredit_lead_photo(story):
    edit(story.lead_photo, credit_type=story.lead_photo.CreditType.STAFF, agency=None, photographer="Jane Doe")
    story.lead_photo.refresh_from_db()
    return story.lead_photo.credit, "(AFP"


def rename_agency(story):
    edit(Agency.objects.get(short_name="AFP"), short_name="AAP")
    return "AAP", "AFP"


def add_body_photo(story):
    ArticlePhotoFactory(article=story, photo=PhotoFactory(caption="Crowds outside the ministry."))
    return "Crowds outside the ministry.", None


def update_without_signals(story):
    """QuerySet.update() sends no signal; the README says to bump after it, which must reach the parts too."""
    Article.objects.filter(pk=story.pk).update(body="<p>Quietly corrected text.</p>")
    page_cache_bump()
    return "Quietly corrected text.", "The delegations met at dawn."


def move_body_photo(story):
    """An edited row may have moved: the story it left must not keep it."""
    use = story.photo_uses.get()
    use.article = ArticleFactory(published=True, section=story.section)
    use.save()
    return None, "The hall before the vote."


def take_bylines_from_author(story):
    User.objects.get(last_name="Ekwueme").bylines.clear()
    return None, "Ekwueme"


CHANGES = {
    "headline": lambda story: (edit(story, headline="Talks collapse in the capital"), ("Talks collapse", "Talks resume"))[1],
    "body": lambda story: (edit(story, body="<p>The delegations left at noon.</p>"), ("left at noon", "met at dawn"))[1],
    "tag-added": lambda story: (story.tags.add("Russia"), ("Russia", None))[1],
    "tag-renamed": lambda story: (edit(Tag.objects.get(name="Turkey"), name="Türkiye"), ("Türkiye", ">Turkey<"))[1],
    "byline-added": lambda story: (story.authors.add(User.objects.get(last_name="Haddad")), ("Omar Haddad", None))[1],
    "author-renamed": rename_author,
    "caption": lambda story: (edit(story.lead_photo, caption="Delegates arrive at the hall."), ("arrive at the hall", "leave the hall"))[1],
    "credit": recredit_lead_photo,
    "agency": rename_agency,
    "body-photo": add_body_photo,
    "correction": lambda story: (CorrectionFactory(article=story, text="The vote was on Tuesday."), ("on Tuesday", None))[1],
    "section-renamed": lambda story: (edit(Section.objects.get(slug="politics"), name="Government"), ("Government", ">Politics<"))[1],
    "new-top-section": lambda story: (SectionFactory(slug="sport", name="Sport"), ('href="/section/sport/"', None))[1],
    "update-and-bump": update_without_signals,
    "correction-deleted": lambda story: (story.corrections.get().delete(), (None, "misspelt the envoy"))[1],
    "body-photo-removed": lambda story: (story.photo_uses.get().delete(), (None, "The hall before the vote."))[1],
    "body-photo-moved": move_body_photo,
    "byline-added-from-the-author": lambda story: (
        User.objects.get(last_name="Haddad").bylines.add(story), ("Omar Haddad", None))[1],
    "bylines-cleared-from-the-author": take_bylines_from_author,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_what_a_story_shows_is_on_its_page_at_once(client, story, change):
    url = story.get_absolute_url()
    warm(client, url)
    page_cache_bump(parts=False)  # as another story's save would: the next render uses the story's parts
    assert client.get(url)[STATUS_HEADER] == "miss"
    shown, gone = change(story)
    page = body(client.get(url))
    assert shown is None or shown in page
    assert gone is None or gone not in page


def test_a_new_primary_domain_is_in_the_kept_parts_canonical_links(client, story, mirror_domain):
    from domains.cache import invalidate
    from domains.models import Domain

    url = story.get_absolute_url()
    client.get(url, HTTP_HOST="mirror.example")
    assert 'rel="canonical" href="http://newsroom.example' + url in body(client.get(url, HTTP_HOST="mirror.example"))
    Domain.objects.filter(hostname="newsroom.example").update(is_primary=False)
    edit(mirror_domain, is_primary=True)
    invalidate()  # this process's copy of the domain list; other servers refresh within DOMAIN_CACHE_SECONDS
    page = body(client.get(url, HTTP_HOST="mirror.example"))
    assert 'rel="canonical" href="http://mirror.example' + url in page
    assert '"@id": "http://mirror.example' + url in page  # the JSON-LD, from the story's meta part


def test_related_stories_follow_publication_while_the_story_parts_are_kept(client, story, time_machine):
    edit(story, publish_at=NOON - timedelta(hours=1))
    time_machine.move_to(NOON, tick=False)
    url = story.get_absolute_url()
    scheduled = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=NOON + timedelta(minutes=1),
                               headline="Envoys fly home", tags=["Syria"])
    warm(client, url)
    time_machine.move_to(NOON + timedelta(minutes=1) - SECOND, tick=False)
    assert "Envoys fly home" not in body(client.get(url))
    time_machine.move_to(NOON + timedelta(minutes=1), tick=False)
    with CaptureQueriesContext(connection) as captured:
        page = body(client.get(url))
    assert scheduled.get_absolute_url() in page.partition('id="related-heading"')[2]
    assert not built_story_parts(captured)


def test_a_story_whose_expiry_passes_is_gone_though_its_parts_are_kept(client, story, time_machine):
    edit(story, publish_at=NOON - timedelta(hours=1), unpublish_at=NOON + timedelta(minutes=5))
    time_machine.move_to(NOON, tick=False)
    url = story.get_absolute_url()
    warm(client, url)
    page_cache_bump(parts=False)
    time_machine.move_to(NOON + timedelta(minutes=5) - SECOND, tick=False)
    assert client.get(url).status_code == 200
    time_machine.move_to(NOON + timedelta(minutes=5), tick=False)
    assert client.get(url).status_code == 404


def test_staff_pages_neither_read_nor_leave_parts(client, story, editor):
    url = story.get_absolute_url()
    client.force_login(editor)
    client.get(url)
    client.logout()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert built_story_parts(captured)  # staff left no part behind
    Article.objects.filter(pk=story.pk).update(headline="Seen by staff at once")  # no signal, no bump
    client.force_login(editor)
    assert "Seen by staff at once" in body(client.get(url))


def test_each_host_has_its_own_parts(client, story, mirror_domain):
    url = story.get_absolute_url()
    client.get(url, HTTP_HOST="newsroom.example")
    with CaptureQueriesContext(connection) as captured:
        client.get(url, HTTP_HOST="mirror.example")
    assert built_story_parts(captured)


def test_pages_render_when_the_parts_cannot_be_read(client, story, cache_down):
    request = RequestFactory().get(story.get_absolute_url())
    request.page_cache_lookup = lookup()
    parts = Fragments(request, ["story"])
    assert parts.get("story", lambda: "built", scope=Scope.PARTS) == "built"
    assert client.get(story.get_absolute_url()).status_code == 200


def lookup(generation=1, change_at=math.inf, parts_generation=1):
    """A page cache lookup that read no part with the page (as for a view that declares none)."""
    return SimpleNamespace(generation=generation, change_at=change_at, parts_generation=parts_generation,
                           site="http://testserver", cache=shared_cache(), prefetched=LazyValues((), {}))


def parts_for(lookup_, names=("story", "gate")):
    request = RequestFactory().get("/story/1/a/")
    request.page_cache_lookup = lookup_
    return Fragments(request, list(names))


def test_a_part_built_across_a_change_is_not_used_after_it(client, story, monkeypatch):
    """The generations are read before the view reads anything: a section renamed while the home page
    is rendered, after the view read the tree, must not leave the old menu under the new generation."""
    from articles.views import HomeView

    read_tree = HomeView.get_context_data

    def rename_meanwhile(view, **kwargs):
        context = read_tree(view, **kwargs)
        edit(Section.objects.get(slug="news"), name="World")
        return context

    monkeypatch.setattr(HomeView, "get_context_data", rename_meanwhile)
    assert ">News<" in body(client.get("/"))  # rendered from the tree read before the rename
    monkeypatch.setattr(HomeView, "get_context_data", read_tree)
    for url in ("/", "/section/politics/", story.get_absolute_url()):
        page = body(client.get(url))
        assert ">World<" in page and ">News<" not in page, url


def test_a_part_follows_its_stamp_and_scope():
    assert parts_for(lookup()).get("story", lambda: "v1", scope=Scope.PARTS, stamp=(1,)) == "v1"
    assert parts_for(lookup()).get("story", lambda: "unused", scope=Scope.PARTS, stamp=(1,)) == "v1"
    assert parts_for(lookup(generation=2)).get("story", lambda: "unused", scope=Scope.PARTS, stamp=(1,)) == "v1"
    assert parts_for(lookup(parts_generation=2)).get("story", lambda: "v2", scope=Scope.PARTS, stamp=(1,)) == "v2"
    assert parts_for(lookup()).get("story", lambda: "v3", scope=Scope.PARTS, stamp=(2,)) == "v3"
    assert parts_for(lookup()).get("gate", lambda: "g1", scope=Scope.PAGES) == "g1"
    assert parts_for(lookup(parts_generation=2)).get("gate", lambda: "unused", scope=Scope.PAGES) == "g1"
    assert parts_for(lookup(generation=2)).get("gate", lambda: "g2", scope=Scope.PAGES) == "g2"


def test_a_pages_part_never_outlives_the_next_scheduled_change(time_machine):
    """To the microsecond: the cache's own expiry is rounded up to whole seconds."""
    time_machine.move_to(NOON, tick=False)
    change = NOON + timedelta(seconds=60.5)
    parts_for(lookup(change_at=change.timestamp()), ["gate"]).get("gate", lambda: "before", scope=Scope.PAGES)
    time_machine.move_to(change - timedelta(milliseconds=1), tick=False)
    assert parts_for(lookup(change_at=change.timestamp()), ["gate"]).get("gate", lambda: "x", scope=Scope.PAGES) == "before"
    time_machine.move_to(change, tick=False)
    assert parts_for(lookup(change_at=change.timestamp()), ["gate"]).get("gate", lambda: "after", scope=Scope.PAGES) == "after"


def test_a_login_keeps_the_parts(client, story, editor):
    url = story.get_absolute_url()
    warm(client, url)
    page_cache_bump(parts=False)
    client.force_login(editor)  # stamps last_login: no public change
    client.logout()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not built_story_parts(captured)


def test_a_story_written_on_the_desk_rebuilds_no_other_story(client, story, journalist):
    """Through the admin, as the desk does it: a new story with a new tag and an existing one."""
    from django.test import Client
    from django.urls import reverse

    from tests.factories import EMPTY_INLINES

    url = story.get_absolute_url()
    warm(client, url)
    desk = Client()
    desk.force_login(journalist)
    response = desk.post(reverse("admin:articles_article_add"), {
        "headline": "Floods close the coast road", "slug": "floods-coast-road", "section": story.section.pk,
        "standfirst": "", "body": "<p>The road is shut.</p>", "tags": "Floods, Syria",
        "status": Article.Status.DRAFT, **EMPTY_INLINES,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url)[STATUS_HEADER] == "miss"
    assert not built_story_parts(captured)


def test_a_story_counter_is_bumped_again_when_the_transaction_commits(story, django_capture_on_commit_callbacks):
    """As the generation is: a part built between the save and the commit is not kept under the new count."""
    from django.core.cache import cache

    from serving.invalidation import STORY_STAMP_KEY, current_generation

    key = STORY_STAMP_KEY.format(pk=story.pk)
    before = current_generation(key=key)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CorrectionFactory(article=story)
    after_save = cache.get(key)
    assert after_save > before
    for callback in callbacks:
        callback()
    assert cache.get(key) > after_save


def test_the_bench_headers_rebuild_what_they_say(client, story, settings):
    """`make bench` measures the three renders with these; outside the bench they mean nothing."""
    url = story.get_absolute_url()
    warm(client, url)
    assert client.get(url, HTTP_X_BENCH_CACHE="nothing-cached")[STATUS_HEADER] == "hit"
    settings.BENCH = True
    runs = {}
    for mode in ("bypass", "story-saved", "nothing-cached"):
        with CaptureQueriesContext(connection) as runs[mode]:
            assert client.get(url, HTTP_X_BENCH_CACHE=mode)[STATUS_HEADER] == "miss"
    assert len(runs["bypass"]) == 0
    assert 0 < len(runs["story-saved"]) <= 3 and not built_story_parts(runs["story-saved"])
    assert built_story_parts(runs["nothing-cached"])


@pytest.mark.parametrize("change", ["mirror-added", "mirror-switched-off", "link-added", "link-deleted", "site-renamed"])
def test_a_change_to_the_domains_is_in_the_kept_footer_at_once(client, story, mirror_domain, change):
    from domains.cache import invalidate
    from domains.models import PlatformLink, SiteSettings
    from tests.domains.factories import DomainFactory, PlatformLinkFactory

    PlatformLinkFactory(label="Radio app", url="https://radio.example/")
    url = story.get_absolute_url()
    get = lambda: body(client.get(url, HTTP_HOST="newsroom.example"))  # noqa: E731
    get()
    page_cache_bump(parts=False)
    assert get().count("mirror.example") == 1
    shown, gone = {
        "mirror-added": lambda: (DomainFactory(hostname="relay.example", position=2), ("relay.example", None))[1],
        "mirror-switched-off": lambda: (edit(mirror_domain, is_active=False), (None, "<li>mirror.example</li>"))[1],
        "link-added": lambda: (PlatformLinkFactory(label="Podcast", url="https://pod.example/"), ("Podcast", None))[1],
        "link-deleted": lambda: (PlatformLink.objects.get(label="Radio app").delete(), (None, "Radio app"))[1],
        "site-renamed": lambda: (SiteSettings.objects.update_or_create(
            pk=SiteSettings.SINGLETON_PK, defaults={"site_name": "The Coast Gazette"}), ("The Coast Gazette", None))[1],
    }[change]()
    invalidate()  # this process's copy of the domain list; other servers refresh within DOMAIN_CACHE_SECONDS
    page = get()
    assert shown is None or shown in page.partition('class="site-footer"')[2]
    assert gone is None or gone not in page


def test_parts_built_from_an_out_of_date_domain_list_are_not_kept(client, story):
    """A worker whose copy of the domain list is a few seconds old builds parts from it; once its copy is
    fresh again, those parts must not be served as current."""
    import domains.cache
    from domains.models import SiteSettings

    url = story.get_absolute_url()
    client.get(url)
    old_copy = domains.cache._process_copy
    SiteSettings.objects.update_or_create(pk=SiteSettings.SINGLETON_PK, defaults={"site_name": "The Coast Gazette"})
    domains.cache._process_copy = old_copy  # this worker has not looked at the shared list yet
    assert "The Coast Gazette" not in body(client.get(url))
    domains.cache.forget_process_copy()  # DOMAIN_CACHE_SECONDS later
    page_cache_bump(parts=False)  # another story is published
    page = body(client.get(url))
    assert "The Coast Gazette" in page.partition('class="site-footer"')[2]
    assert '<meta property="og:site_name" content="The Coast Gazette">' in page


def test_each_scheme_has_its_own_parts(client, story):
    """The story's meta part holds absolute links; an https render must not be served over http."""
    url = story.get_absolute_url()
    assert "https://testserver" + url in body(client.get(url, secure=True))
    page_cache_bump(parts=False)
    page = body(client.get(url))
    assert "http://testserver" + url in page and "https://testserver" + url not in page


def test_a_story_withdrawn_while_its_gate_answer_is_kept_is_not_shown(client, story, settings):
    """A reader whose lookup read the generation just before a withdrawal, and the story's counter just
    after it committed, still has the gate's old answer; building the story part must then find the
    story gone and answer 404, not build it from the withdrawn row."""
    from django.core.cache import cache

    from serving.invalidation import STORY_STAMP_KEY

    settings.BENCH = True  # X-Bench-Cache: read no page entry, as when it expired
    url = story.get_absolute_url()
    assert client.get(url, HTTP_X_BENCH_CACHE="bypass").status_code == 200
    Article.objects.filter(pk=story.pk).update(status=Article.Status.WITHDRAWN)
    cache.incr(STORY_STAMP_KEY.format(pk=story.pk))  # the withdrawal's bump of the story, not yet of the pages
    assert client.get(url, HTTP_X_BENCH_CACHE="bypass").status_code == 404


def test_a_reader_who_waited_for_another_render_reads_the_parts_after_the_wait(client, story, monkeypatch):
    """The story is edited while this reader waits for another worker's render, which ends unstored: the
    reader then renders, and must use the story's counter as it is after the wait, not as it was read
    with the page's entry before it."""
    from serving.pagecache import NOT_STORED, Lookup

    url = story.get_absolute_url()
    warm(client, url)
    page_cache_bump(parts=False)  # the page's entry is gone; the story's parts are current
    wait = Lookup.claim_or_wait

    def edited_while_waiting(lookup, request):
        edit(story, headline="Talks collapse in the capital")
        lookup.cache.set(lookup.render_key, NOT_STORED)  # the other worker's render could not be shared
        return wait(lookup, request)

    monkeypatch.setattr(Lookup, "claim_or_wait", edited_while_waiting)
    page = body(client.get(url))
    assert "Talks collapse in the capital" in page
    assert "Talks resume in the capital" not in page
