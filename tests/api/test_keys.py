"""API keys: hashed in the database, managed on the desk, a rate limit per key in the shared cache (429 with
Retry-After and RateLimit headers), anonymous access as a setting; nothing about one key reaches a cache."""
from datetime import UTC, datetime, timedelta
import hashlib
import re

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from api import access
from api.middleware import api_paths
from api.models import ApiKey
from articles.models import Article
from serving.pagecache import STATUS_HEADER
from tests.api.helpers import API
from tests.factories import ApiKeyFactory, ArticleFactory, UserFactory

START = datetime(2026, 11, 24, 14, 0, 0, tzinfo=UTC)  # the start of a rate-limit minute


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(START, tick=False)


@pytest.fixture
def story(db):
    return ArticleFactory(status=Article.Status.PUBLISHED, publish_at=START - timedelta(hours=1))


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key.token}"}


@pytest.mark.django_db
def test_a_key_is_stored_only_as_its_sha256():
    key = ApiKeyFactory()
    stored = ApiKey.objects.get(pk=key.pk)
    assert stored.key_hash == hashlib.sha256(key.token.encode()).hexdigest()
    assert key.token not in {value for value in vars(stored).values() if isinstance(value, str)}
    assert len(key.token) > 40 and stored.prefix == key.token[:10]


@pytest.mark.django_db
@pytest.mark.usefixtures("each_cache_backend")
def test_past_its_limit_a_key_gets_429_with_retry_after_until_the_minute_ends(client, story, time_machine):
    key = ApiKeyFactory(rate_limit=3)
    time_machine.move_to(START + timedelta(seconds=20), tick=False)
    responses = [client.get(f"{API}/stories", **bearer(key)) for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert [r["RateLimit"] for r in responses] == [f'"per-key";r={n};t=40' for n in (2, 1, 0, 0)]
    assert all(r["RateLimit-Policy"] == '"per-key";q=3;w=60' for r in responses)
    refused = responses[-1]
    assert refused["Retry-After"] == "40"
    assert refused["Cache-Control"] == "private, no-store"
    assert "xkey" not in refused and "ETag" not in refused
    assert "3 requests per minute" in refused.json()["detail"]
    time_machine.move_to(START + timedelta(seconds=59), tick=False)
    assert client.get(f"{API}/stories", **bearer(key)).status_code == 429
    time_machine.move_to(START + timedelta(seconds=60), tick=False)
    assert client.get(f"{API}/stories", **bearer(key)).status_code == 200


@pytest.mark.django_db
def test_each_key_has_its_own_budget_and_anonymous_callers_are_not_counted(client, story):
    spent, fresh = ApiKeyFactory(rate_limit=1), ApiKeyFactory(rate_limit=1)
    client.get(f"{API}/stories", **bearer(spent))
    assert client.get(f"{API}/stories", **bearer(spent)).status_code == 429
    assert client.get(f"{API}/stories", **bearer(fresh)).status_code == 200
    assert client.get(f"{API}/stories").status_code == 200


@pytest.mark.django_db
def test_a_cache_hit_is_counted_against_the_key(client, story):
    key = ApiKeyFactory(rate_limit=2)
    assert client.get(f"{API}/stories")[STATUS_HEADER] == "miss"
    hits = [client.get(f"{API}/stories", **bearer(key)) for _ in range(3)]
    assert [r.status_code for r in hits] == [200, 200, 429]
    assert hits[0][STATUS_HEADER] == "hit"


@pytest.mark.django_db
def test_a_keyed_response_is_private_and_names_no_tags(client, story):
    """It carries this key's RateLimit headers, so no shared cache may keep it; its body still comes from,
    and goes to, the page cache (it is the same for everyone)."""
    key = ApiKeyFactory()
    keyed = client.get(f"{API}/stories", **bearer(key))
    assert keyed["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert not {"xkey", "Surrogate-Key", "Cache-Tag"} & set(keyed.headers)
    anonymous = client.get(f"{API}/stories")
    assert anonymous[STATUS_HEADER] == "hit" and "RateLimit" not in anonymous
    assert anonymous["Cache-Control"].startswith("public") and anonymous.content == keyed.content
    assert client.get(f"{API}/stories", HTTP_IF_NONE_MATCH=keyed["ETag"], **bearer(key)).status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("page_cache", [True, False])
@pytest.mark.parametrize("method", ["get", "head"])
def test_a_keyed_304_says_what_the_key_has_left(client, story, settings, page_cache, method):
    """An app polling with If-None-Match paces itself by the RateLimit fields: its 304s carry them too (the
    conditional-GET middleware keeps only the headers RFC 9110 names for a 304)."""
    settings.PAGE_CACHE_ENABLED = page_cache
    key = ApiKeyFactory(rate_limit=5)
    for url in (f"{API}/stories", f"{API}/stories/{story.pk}", f"{API}/changes"):
        etag = client.get(url)["ETag"]
        unchanged = getattr(client, method)(url, HTTP_IF_NONE_MATCH=etag, **bearer(key))
        assert unchanged.status_code == 304 and unchanged["ETag"] == etag, url
        assert unchanged["RateLimit-Policy"] == '"per-key";q=5;w=60'
        assert "Content-Length" not in unchanged and "Content-Type" not in unchanged
    assert unchanged["RateLimit"] == '"per-key";r=2;t=60'


@pytest.mark.django_db
def test_an_unknown_or_revoked_key_is_refused_even_when_anonymous_access_is_on(client, story, django_capture_on_commit_callbacks):
    key = ApiKeyFactory()
    assert client.get(f"{API}/stories", HTTP_AUTHORIZATION="Bearer nr_made-up").status_code == 401
    assert client.get(f"{API}/stories", **bearer(key)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        key.is_active = False
        key.save()
    refused = client.get(f"{API}/stories", **bearer(key))
    assert refused.status_code == 401 and refused["Cache-Control"] == "private, no-store"
    assert "invalid_token" in refused["WWW-Authenticate"]


@pytest.mark.django_db
@pytest.mark.usefixtures("each_cache_backend")
def test_a_key_revoked_while_a_request_was_reading_it_is_refused_at_the_next_request(client, story, monkeypatch, committed):
    """The request read the key from the database, then the revocation committed and forgot the cached copy,
    then the request kept what it had read: the key went on working for up to a minute on every server."""
    key = ApiKeyFactory()
    shared = access.cache()

    class RevokedMeanwhile:
        def __getattr__(self, name):
            return getattr(shared, name)

        @staticmethod
        def revoked_first(name):
            if name == access.key_cache_key(key.key_hash) and key.is_active:  # keeping the key it read: first,
                with committed():  # the revocation commits
                    key.is_active = False
                    key.save()
            return name

        def add(self, name, *args, **kwargs):
            return shared.add(self.revoked_first(name), *args, **kwargs)

        def set(self, name, *args, **kwargs):
            return shared.set(self.revoked_first(name), *args, **kwargs)

    monkeypatch.setattr(access, "cache", RevokedMeanwhile)
    assert client.get(f"{API}/stories", **bearer(key)).status_code == 200  # in flight: it had the key
    monkeypatch.undo()
    assert client.get(f"{API}/stories", **bearer(key)).status_code == 401


@pytest.mark.django_db
def test_without_anonymous_access_every_call_needs_a_key_but_the_documents_do_not(client, story, settings):
    settings.API_ANONYMOUS = False
    refused = client.get(f"{API}/stories")
    assert refused.status_code == 401 and refused["Cache-Control"] == "private, no-store"
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert client.get(f"{API}/stories", **bearer(ApiKeyFactory())).status_code == 200
    assert client.get(f"{API}/openapi.json").status_code == 200
    assert client.get(f"{API}/docs").status_code == 200


@pytest.mark.django_db
def test_pages_outside_the_api_ignore_keys(client, story):
    assert client.get(story.get_absolute_url(), HTTP_AUTHORIZATION="Bearer nr_made-up").status_code == 200


@pytest.mark.django_db
def test_a_site_admin_makes_a_key_on_the_desk_and_sees_it_once(client):
    admin_user = UserFactory(username="site-admin", is_superuser=True)
    client.force_login(admin_user)
    made = client.post(reverse("admin:api_apikey_add"), {"name": "TV app", "rate_limit": "120", "is_active": "on"})
    key = ApiKey.objects.get(name="TV app")
    assert made.status_code == 302 and made["Location"] == reverse("admin:api_apikey_change", args=[key.pk])
    response = client.get(made["Location"])  # reloaded, the answer to the post would have made another key
    assert response.status_code == 200 and "Copy it now" in response.content.decode()
    token = re.search(r'id="issued-token" type="text" value="([^"]+)"', response.content.decode())[1]
    assert not any(token in morsel.value for morsel in [*made.cookies.values(), *response.cookies.values()])  # no message cookie
    assert "no-store" in response["Cache-Control"]
    assert token not in client.get(made["Location"]).content.decode()  # shown once
    assert ApiKey.objects.count() == 1
    assert key.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert key.created_by == admin_user and key.requests_per_minute == 120
    client.logout()
    assert client.get(f"{API}/stories", HTTP_AUTHORIZATION=f"Bearer {token}")["RateLimit-Policy"] == '"per-key";q=120;w=60'


@pytest.mark.django_db
def test_a_limit_of_zero_is_a_form_error_not_the_default(client):
    """0 requests a minute read as "no limit set" (the default, 600): a key meant to be stopped is untick-ed."""
    client.force_login(UserFactory(username="site-admin", is_superuser=True))
    response = client.post(reverse("admin:api_apikey_add"), {"name": "TV app", "rate_limit": "0", "is_active": "on"})
    assert response.status_code == 200 and "greater than or equal to 1" in response.content.decode()
    assert not ApiKey.objects.exists()


@pytest.mark.django_db
def test_editors_cannot_see_or_make_keys(editor_client):
    assert editor_client.get(reverse("admin:api_apikey_changelist")).status_code == 403
    assert editor_client.post(reverse("admin:api_apikey_add"), {"name": "Mine"}).status_code == 403
    assert not ApiKey.objects.exists()


@pytest.mark.django_db
def test_with_the_cache_down_a_valid_key_is_served_and_a_made_up_one_refused(client, story, cache_down):
    key = ApiKeyFactory(rate_limit=1)
    served = [client.get(f"{API}/stories", **bearer(key)) for _ in range(2)]
    assert [r.status_code for r in served] == [200, 200] and "RateLimit" not in served[0]
    assert served[0]["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert client.get(f"{API}/stories", HTTP_AUTHORIZATION="Bearer nr_made-up").status_code == 401


@pytest.fixture
def mounted_at_news():
    """The script prefix a WSGI server sets for a site mounted at /news/ (the test client sets none)."""
    set_script_prefix("/news/")
    api_paths.cache_clear()  # as in a new process whose first request comes through the mount
    yield
    clear_script_prefix()
    api_paths.cache_clear()


@pytest.mark.django_db
def test_a_site_mounted_below_the_root_still_asks_for_keys(client, story, settings, mounted_at_news):
    """Behind a proxy that mounts the site at /news/ (SCRIPT_NAME), the guard knows the API's paths all the same."""
    settings.API_ANONYMOUS = False
    refused = client.get(f"{API}/stories", SCRIPT_NAME="/news")
    assert refused.status_code == 401
    served = client.get(f"{API}/stories", SCRIPT_NAME="/news", **bearer(ApiKeyFactory()))
    assert served.status_code == 200 and "/news/story/" in served.json()["items"][0]["url"]
    assert client.get(f"{API}/openapi.json", SCRIPT_NAME="/news").status_code == 200
