"""What one story and the lists say: the body as the page shows it, photos with credits and renditions,
tags in the trail's order, bylines by full name, the canonical URL on the primary domain; the filters."""
import json
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client
from ninja.responses import NinjaJSONEncoder

from api.schemas import StoryPage
from api.stories import LIST_FIELDS
from articles.models import Article
from tests.api.helpers import API, ids, walk
from tests.articles.helpers import NOW
from tests.factories import (
    PRIMARY, ArticleFactory, ArticlePhotoFactory, CorrectionFactory, DomainFactory, PhotoFactory, SectionFactory, UserFactory,
)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def domains(db):
    DomainFactory(hostname=PRIMARY, is_primary=True, position=0)
    DomainFactory(hostname="mirror1.newsroom.example", position=1)


def live_story(**kwargs):
    return ArticleFactory(**{"status": Article.Status.PUBLISHED, "publish_at": NOW - timedelta(hours=1), **kwargs})


@pytest.mark.django_db
def test_one_story_says_what_its_page_shows(client, domains):
    lead = PhotoFactory(caption="Envoys arrive for the talks.", image__size=(1000, 600))
    handout = PhotoFactory(handout=True, caption="A picture released by the ministry on 3 March.")
    story = live_story(
        headline="Talks resume", body='<p>Text <a href="https://example.org" onclick="x()">link</a></p><script>alert(1)</script>',
        lead_photo=lead, tags=["Syria", "Turkey", "Russia"],
        authors=[UserFactory(first_name="Ana", last_name="Popescu"), UserFactory(first_name="", last_name="", username="jweber")],
        section=SectionFactory(slug="world", name="World", parent=SectionFactory(slug="news", name="News")),
    )
    ArticlePhotoFactory(article=story, photo=handout, caption="")
    CorrectionFactory(article=story, text="The date was wrong.")
    body = client.get(f"{API}/stories/{story.pk}", HTTP_HOST="mirror1.newsroom.example").json()
    assert body["url"] == f"http://{PRIMARY}/story/{story.pk}/{story.slug}/"
    assert body["body"] == Article.objects.get(pk=story.pk).body
    assert "script" not in body["body"] and "onclick" not in body["body"]
    assert [tag["name"] for tag in body["tags"]] == ["Syria", "Turkey", "Russia"]
    assert [author["name"] for author in body["bylines"]] == ["Ana Popescu", "jweber"]
    assert body["section"]["slug"] == "world"
    assert [(p["caption"], p["credit"]) for p in body["photos"]] == [
        ("Envoys arrive for the talks.", "(AFP photo)"),
        ("A picture released by the ministry on 3 March.", "(Via AFP)"),
    ]
    assert body["lead_photo"] == body["photos"][0]
    renditions = body["photos"][0]["renditions"]
    assert [r["width"] for r in renditions] == [480, 800, 1000]
    assert renditions[0]["jpeg"].startswith(f"http://mirror1.newsroom.example/photos/{lead.pk}/480.jpg?v=")
    assert renditions[0]["height"] == 288 and renditions[0]["webp"].endswith(renditions[0]["jpeg"].split(".jpg")[1])
    assert client.get(renditions[0]["jpeg"].removeprefix("http://mirror1.newsroom.example"), HTTP_HOST="mirror1.newsroom.example").status_code == 200
    assert [c["text"] for c in body["corrections"]] == ["The date was wrong."]
    assert body["published_at"] == "2026-11-24T13:00:00Z"


@pytest.mark.django_db
def test_a_list_item_has_the_card_fields_and_no_body(client):
    live_story(lead_photo=PhotoFactory())
    item = client.get(f"{API}/stories").json()["items"][0]
    assert set(item) == {
        "id", "url", "headline", "slug", "standfirst", "section", "tags", "bylines", "published_at", "updated_at", "lead_photo",
    }
    assert item["lead_photo"]["credit"] == "(AFP photo)"
    assert client.get(f"{API}/stories?fields=body").status_code == 400


@pytest.mark.django_db
def test_tags_keep_the_desk_order_and_bylines_the_oldest_account_first_in_lists_and_stories(client):
    """The order the desk attached the tags in, not the tags' own age; bylines by account, not by the order
    added; a story with neither shows two empty lists."""
    ArticleFactory(tags=["Russia"])  # an older tag than the story's first one
    first, second = UserFactory(first_name="Zoe", last_name="Ng"), UserFactory(first_name="Ali", last_name="Demir")
    story = live_story(tags=["Syria", "Russia", "Turkey"], authors=[second, first])
    bare = live_story(publish_at=NOW - timedelta(hours=2))
    listed = {item["id"]: item for item in client.get(f"{API}/stories").json()["items"]}
    for shown in (listed[story.pk], client.get(f"{API}/stories/{story.pk}").json()):
        assert [tag["name"] for tag in shown["tags"]] == ["Syria", "Russia", "Turkey"]
        assert [author["name"] for author in shown["bylines"]] == ["Zoe Ng", "Ali Demir"]
    for shown in (listed[bare.pk], client.get(f"{API}/stories/{bare.pk}").json()):
        assert shown["tags"] == [] and shown["bylines"] == []


@pytest.mark.django_db
def test_the_section_filter_takes_in_subsections(client):
    news = SectionFactory(slug="news", name="News")
    inside = live_story(section=SectionFactory(slug="world", name="World", parent=news))
    top = live_story(section=news)
    live_story(section=SectionFactory(slug="sport", name="Sport"))
    assert {item["id"] for item in walk(client, f"{API}/stories?section=news")} == {inside.pk, top.pk}
    assert [item["id"] for item in walk(client, f"{API}/stories?section=world")] == [inside.pk]
    assert walk(client, f"{API}/stories?section=nowhere") == []


@pytest.mark.django_db
def test_the_updated_since_filter_counts_publications_saves_and_corrections(client, time_machine):
    untouched = live_story()
    corrected = live_story()
    saved = live_story()
    time_machine.move_to(NOW + timedelta(minutes=10), tick=False)
    scheduled_then_live = live_story(publish_at=NOW + timedelta(minutes=15))
    CorrectionFactory(article=corrected)
    saved.save()
    time_machine.move_to(NOW + timedelta(minutes=20), tick=False)
    listed = {item["id"] for item in walk(client, f"{API}/stories?updated_since=2026-11-24T14:05:00Z")}
    assert listed == {corrected.pk, saved.pk, scheduled_then_live.pk}
    assert untouched.pk in {item["id"] for item in walk(client, f"{API}/stories")}


@pytest.mark.django_db
def test_an_unknown_tag_or_author_gives_an_empty_list(client):
    live_story(tags=["Syria"])
    assert walk(client, f"{API}/stories?tag=nothing-like-it") == []
    assert walk(client, f"{API}/stories?author=999999") == []


@pytest.mark.django_db
def test_sections_come_in_masthead_order_with_parents(client):
    news = SectionFactory(slug="news", name="News", position=1)
    SectionFactory(slug="world", name="World", parent=news)
    SectionFactory(slug="business", name="Business", position=2)
    sections = client.get(f"{API}/sections").json()
    assert [(s["slug"], s["parent"]) for s in sections] == [("news", None), ("world", news.pk), ("business", None)]
    assert sections[0]["url"].endswith("/section/news/")


@pytest.mark.django_db
def test_a_bad_filter_value_is_a_422_naming_it(client):
    response = client.get(f"{API}/stories?updated_since=yesterday")
    assert response.status_code == 422
    assert "updated_since" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/stories?updated_since=2026-11-24T14:00:00", "/changes?since=2026-11-24T14:00:00"])
def test_a_time_without_a_zone_is_a_400_saying_so(client, url):
    response = client.get(API + url)
    assert response.status_code == 400 and "time zone" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/stories?updated_since=9999-12-31T23:59:59-14:00", "/stories?updated_since=0001-01-01T00:00:00%2B14:00",
    "/changes?since=9999-12-31T23:59:59-14:00", "/changes?since=0001-01-01T00:00:00%2B14:00",
])
def test_a_time_the_calendar_cannot_hold_in_utc_is_a_400(client, url):
    """Year 10000 or year 0 once in UTC: Python cannot say it, and SQLite's adapter failed (a 500)."""
    ArticleFactory(published=True)
    response = client.get(API + url)
    assert response.status_code == 400 and "UTC" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/stories/99999999999999999999", "/stories?author=99999999999999999999", "/stories/0"])
def test_an_id_no_story_can_have_is_refused_not_a_server_error(client, url):
    assert client.get(API + url).status_code in (404, 422)


@pytest.mark.django_db
def test_the_live_filter_lists_the_stories_whose_coverage_is_open_and_follows_it(client, committed, editor):
    from live.services import coverage_end, coverage_start
    from tests.factories import LiveCoverageFactory

    covered = LiveCoverageFactory().article
    plain = ArticleFactory(published=True)
    hidden = LiveCoverageFactory(article=ArticleFactory(status=Article.Status.DRAFT)).article
    assert ids(client.get(f"{API}/stories?live=true")) == [covered.pk]
    assert hidden.pk not in ids(client.get(f"{API}/stories?live=false"))
    assert set(ids(client.get(f"{API}/stories?live=false"))) == {plain.pk}
    with committed():
        coverage_start(article=plain, by=editor)
    assert set(ids(client.get(f"{API}/stories?live=true"))) == {covered.pk, plain.pk}, "opening coverage purges the list"
    with committed():
        coverage_end(coverage=covered.live_coverage, by=editor)
    assert ids(client.get(f"{API}/stories?live=true")) == [plain.pk], "closing it too"
    assert client.get(f"{API}/stories?live=maybe").status_code in (400, 422)


@pytest.mark.django_db
@pytest.mark.parametrize("script_prefix", ["/", "/news/"])
def test_tag_and_section_urls_are_the_pages_own_on_the_primary_domain_under_any_script_prefix(client, domains, script_prefix):
    """The list puts each slug into a URL reversed once per response: the same URL reverse() gives."""
    from django.test.utils import override_script_prefix
    from django.urls import reverse

    live_story(tags=["Syria", "Place 9"], section=SectionFactory(slug="world_news", name="World"))
    with override_script_prefix(script_prefix):
        item = client.get(f"{API}/stories", HTTP_HOST="mirror1.newsroom.example").json()["items"][0]
        expected = {tag["name"]: f"http://{PRIMARY}{reverse('articles:tag', kwargs={'slug': tag['slug']})}" for tag in item["tags"]}
        section_url = f"http://{PRIMARY}{reverse('articles:section', kwargs={'slug': 'world_news'})}"
    assert {tag["name"]: tag["url"] for tag in item["tags"]} == expected
    assert item["section"]["url"] == section_url and script_prefix in section_url


@pytest.mark.django_db
@pytest.mark.parametrize("fields", ["", "id,lead_photo,bylines", "published_at"])
def test_a_list_is_exactly_what_its_schema_documents(client, domains, fields):
    """Lists skip pydantic's second check (api/views.py, `trusted`): what they send must be what the schema
    checks and ninja's encoder writes, field for field."""
    live_story(publish_at=NOW - timedelta(hours=3))
    live_story(lead_photo=PhotoFactory(), tags=["Syria", "Turkey"], authors=[UserFactory(first_name="Ana"), UserFactory()],
               publish_at=NOW - timedelta(hours=1, microseconds=123456))
    live_story(publish_at=NOW - timedelta(hours=2))  # no photo, tags or bylines
    response = client.get(f"{API}/stories?limit=2&fields={fields}")
    body = response.json()
    checked = StoryPage.model_validate(body).model_dump(exclude_unset=True)
    assert response.content == json.dumps(checked, cls=NinjaJSONEncoder).encode()
    assert body["next"] and body["items"][0].keys() == set((fields or ",".join(LIST_FIELDS)).split(","))
    if not fields:
        rich = body["items"][0]
        assert len(rich["tags"]) == 2 and len(rich["bylines"]) == 2 and rich["lead_photo"]["renditions"]
        assert rich["published_at"] == "2026-11-24T12:59:59.876Z"  # as ninja writes it: milliseconds


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/stories", "/stories/12", "/sections", "/tags", "/authors", "/changes", "/openapi.json", "/docs",
])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_a_method_the_api_does_not_answer_is_a_json_405_naming_the_ones_it_does(path, method):
    """An app parses the API's refusals as JSON, a 405 too (the OpenAPI document and docs as well: not the document,
    nor the CSRF page); GET's HEAD is answered (api/middleware.py)."""
    response = getattr(Client(enforce_csrf_checks=True), method)(API + path)
    assert response.status_code == 405 and response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["detail"] == f"{method.upper()} is not allowed here: this endpoint answers GET and HEAD."


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/stories/", "/nothing-here", "/stories/12/extra"])
def test_an_address_under_the_api_that_names_no_endpoint_is_a_json_404(client, path):
    """An app parses the API's answers as JSON, its 404s too: not the site's HTML page."""
    for response in (client.get(API + path), Client(enforce_csrf_checks=True).post(API + path)):
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert "No such endpoint" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("failure, status", [(RuntimeError("a bug"), 500), (OperationalError("connection refused"), 503)])
@pytest.mark.parametrize("where", ["view", "key check"])
def test_a_server_error_is_json_too(monkeypatch, failure, status, where):
    """A bug, or the database gone (in the view, or while the key is read), is the API's JSON error, with the
    outage's Retry-After and no-store: not the site's HTML page, which an app cannot parse."""
    story = live_story()

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(*(("api.views.fetch_story", fail) if where == "view" else ("api.middleware.find_key", fail)))
    key = {"HTTP_AUTHORIZATION": "Bearer nr_made_up"} if where == "key check" else {}
    response = Client(raise_request_exception=False).get(f"{API}/stories/{story.pk}", **key)
    assert response.status_code == status and response["Content-Type"] == "application/json"
    assert "detail" in response.json() and "no-store" in response["Cache-Control"]
    assert ("Retry-After" in response) == (status == 503)
