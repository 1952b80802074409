"""The host check, through the test client with real Host headers."""
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from domains import cache as domain_cache
from domains.models import Domain
from tests.factories import PRIMARY, DomainFactory

pytestmark = pytest.mark.django_db


def get(client, host, path="/", **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def assert_refused(response, *fragments):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    for fragment in fragments:
        assert fragment.lower() not in body.lower()


class TestKnownHosts:
    @pytest.mark.parametrize("host", [
        PRIMARY,
        "mirror1.newsroom.example",
        "mirror2.newsroom.example",
        "mirror3.newsroom.example",
        "NEWSROOM.Example",
        "Mirror2.NEWSROOM.example",
        "newsroom.example:8080",
        "MIRROR1.newsroom.example:8443",
    ])
    def test_primary_and_each_mirror_are_served_in_any_spelling(self, client, mirrors, host):
        assert get(client, host).status_code == 200

    def test_request_domain_is_the_matched_row(self, client, mirrors):
        response = get(client, "MIRROR2.newsroom.example:8080")
        assert response.wsgi_request.domain.pk == Domain.objects.get(hostname="mirror2.newsroom.example").pk
        assert response.wsgi_request.domain.hostname == "mirror2.newsroom.example"

    def test_django_sees_the_normalised_host_downstream(self, client, mirrors):
        """get_host() after the check returns the validated spelling, never the raw header."""
        response = get(client, "MIRROR2.newsroom.example:8080")
        assert response.wsgi_request.get_host() == "mirror2.newsroom.example:8080"

    def test_ip_literal_domain_is_served(self, client, primary):
        DomainFactory(hostname="203.0.113.7")
        assert get(client, "203.0.113.7").status_code == 200


class TestUnknownAndMalformedHosts:
    def test_unknown_host_gets_400_without_echo(self, client, mirrors):
        assert_refused(get(client, "attacker.example"), "attacker")

    def test_unknown_subdomain_of_primary_gets_400(self, client, mirrors):
        assert_refused(get(client, "www.newsroom.example"), "www.")

    @pytest.mark.parametrize("host", ["203.0.113.7", "203.0.113.7:80", "[2001:db8::1]", "10.0.0.1"])
    def test_ip_literal_that_is_no_domain_gets_400(self, client, mirrors, host):
        assert_refused(get(client, host), host)

    @pytest.mark.parametrize("host", [
        "newsroom.example\r\nX-Injected: yes",
        "newsroom.example\nX-Injected: yes",
        "newsroom.example\x00injected",
        "newsroom.example:0",
        "newsroom.example:65536",
        "newsroom.example:99999",
        "newsroom.example:injected",
        "injected@newsroom.example",
        "injected:secret@newsroom.example",
        "newsroom.example injected",
        "newsroom.example/injected",
        "injected" + "a" * 250 + ".example",
        "injected." * 40 + "newsroom.example",
        "a" * 100000,
        "",
    ])
    def test_malformed_host_gets_400_never_500_and_is_not_echoed(self, client, mirrors, host):
        assert_refused(get(client, host), "injected")

    def test_deactivated_mirror_gets_400(self, client, mirrors):
        DomainFactory(hostname="old.newsroom.example", is_active=False)
        assert_refused(get(client, "old.newsroom.example"), "old.")

    def test_unknown_host_is_refused_before_any_page_or_static_file(self, client, mirrors):
        for path in ["/admin/", "/static/css/site.css", "/no-such-page/"]:
            assert get(client, "attacker.example", path).status_code == 400


class TestForwardedHost:
    def test_forwarded_host_is_ignored_without_a_trusted_proxy(self, client, mirrors):
        response = get(client, "mirror1.newsroom.example", HTTP_X_FORWARDED_HOST="attacker.example")
        assert response.status_code == 200
        assert response.wsgi_request.domain.hostname == "mirror1.newsroom.example"
        assert "attacker" not in response.content.decode()

    def test_forwarded_host_cannot_smuggle_in_a_known_host_without_a_trusted_proxy(self, client, mirrors):
        assert_refused(get(client, "attacker.example", HTTP_X_FORWARDED_HOST=PRIMARY), "attacker")

    def test_forwarded_host_is_honoured_behind_a_trusted_proxy(self, client, mirrors, settings):
        settings.TRUSTED_PROXY = True
        response = get(client, "app-server.internal:8000",
                       HTTP_X_FORWARDED_HOST="Mirror2.newsroom.example, proxy.internal")
        assert response.status_code == 200
        assert response.wsgi_request.domain.hostname == "mirror2.newsroom.example"
        assert response.wsgi_request.get_host() == "mirror2.newsroom.example"

    @pytest.mark.parametrize("forwarded", ["attacker.example", "injected@newsroom.example", "newsroom.example:0", "\r\ninjected"])
    def test_bad_forwarded_host_gets_400_behind_a_trusted_proxy(self, client, mirrors, settings, forwarded):
        settings.TRUSTED_PROXY = True
        assert_refused(get(client, PRIMARY, HTTP_X_FORWARDED_HOST=forwarded), "attacker", "injected")

    @pytest.mark.parametrize(("forwarded", "proto", "expected"), [
        ("newsroom.example:80", "http", "newsroom.example"),
        ("newsroom.example:443", "https", "newsroom.example"),
        ("newsroom.example:443", "http", "newsroom.example:443"),
        ("newsroom.example:8443", "https", "newsroom.example:8443"),
    ])
    def test_the_schemes_own_port_is_dropped_from_the_host(self, client, mirrors, settings, forwarded, proto, expected):
        """A proxy that names the port it listens on (nginx's `Host $host:$server_port`) sends :80 or :443, which
        browsers never write in an Origin header or a link: downstream, the host has no default port."""
        settings.TRUSTED_PROXY = True
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        response = get(client, "app-server.internal:8000", HTTP_X_FORWARDED_HOST=forwarded, HTTP_X_FORWARDED_PROTO=proto)
        assert response.wsgi_request.get_host() == expected

    def test_https_redirect_behind_a_proxy_naming_port_80_goes_to_the_https_port(self, client, mirrors, settings):
        """The redirect to HTTPS must not name the http port: https://newsroom.example:80/ answers nothing."""
        settings.TRUSTED_PROXY, settings.SECURE_SSL_REDIRECT = True, True
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        response = get(client, "app-server.internal:8000", "/section/news/?page=2",
                       HTTP_X_FORWARDED_HOST="newsroom.example:80", HTTP_X_FORWARDED_PROTO="http")
        assert response.status_code == 301
        assert response["Location"] == "https://newsroom.example/section/news/?page=2"

    def test_desk_login_behind_a_proxy_naming_port_443_passes_the_csrf_origin_check(self, client, mirrors, settings, django_user_model):
        """Browsers send `Origin: https://newsroom.example`, never with :443; the login must not be a CSRF 403."""
        settings.TRUSTED_PROXY = True
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        csrf_client = client.__class__(enforce_csrf_checks=True)
        headers = {"HTTP_X_FORWARDED_HOST": "newsroom.example:443", "HTTP_X_FORWARDED_PROTO": "https"}
        login = f"/{settings.ADMIN_PATH}login/"
        form = csrf_client.get(login, HTTP_HOST="app-server.internal:8000", **headers)
        token = form.context["csrf_token"]
        response = csrf_client.post(login, {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": str(token)},
                                    HTTP_HOST="app-server.internal:8000", HTTP_ORIGIN="https://newsroom.example", **headers)
        assert response.status_code != 403

    def test_host_header_is_used_when_a_trusted_proxy_sends_no_forwarded_host(self, client, mirrors, settings):
        settings.TRUSTED_PROXY = True
        assert get(client, "mirror3.newsroom.example").wsgi_request.domain.hostname == "mirror3.newsroom.example"


class TestTrailingDot:
    @pytest.mark.parametrize(("host", "secure", "location"), [
        ("newsroom.example.", False, "http://newsroom.example/section/news/?page=2"),
        ("MIRROR1.newsroom.example.:8443", True, "https://mirror1.newsroom.example:8443/section/news/?page=2"),
        ("localhost.:8000", False, "http://localhost:8000/section/news/?page=2"),
    ])
    def test_a_host_ending_with_a_dot_is_redirected_permanently_to_the_same_url_without_it(
            self, client, mirrors, host, secure, location):
        """One origin per domain: a browser's Origin header, cookies and the CSP's 'self' would keep the dot."""
        response = client.get("/section/news/?page=2", HTTP_HOST=host, secure=secure)
        assert response.status_code == 301
        assert response["Location"] == location

    def test_an_unknown_host_ending_with_a_dot_is_refused_not_redirected(self, client, mirrors):
        assert_refused(get(client, "attacker.example."), "attacker")

    def test_desk_login_opened_on_a_host_ending_with_a_dot_passes_the_csrf_origin_check(self, mirrors, settings):
        """The browser posts the form from the address it ended up on, and names that origin in `Origin`."""
        browser = Client(enforce_csrf_checks=True)
        login = f"/{settings.ADMIN_PATH}login/"
        form = browser.get(login, HTTP_HOST="newsroom.example.", follow=True)
        address = urlsplit(form.redirect_chain[-1][0] if form.redirect_chain else f"http://newsroom.example.{login}")
        response = browser.post(login, {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": str(form.context["csrf_token"])},
                                HTTP_HOST=address.netloc, HTTP_ORIGIN=f"{address.scheme}://{address.netloc}")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text


class TestDevelopmentHosts:
    @pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "[0:0:0:0:0:0:0:1]", "testserver"])
    def test_dev_hosts_act_for_the_primary(self, client, mirrors, host):
        response = get(client, host)
        assert response.status_code == 200
        assert response.wsgi_request.domain.hostname == PRIMARY

    def test_dev_host_without_any_domain_stands_in_for_the_primary(self, client, db):
        response = get(client, "127.0.0.1:8000")
        assert response.status_code == 200
        assert response.wsgi_request.domain.hostname == "127.0.0.1:8000"
        assert '<link rel="canonical" href="http://127.0.0.1:8000/">' in response.content.decode()

    def test_test_client_default_host_works(self, client, db):
        assert client.get("/").status_code == 200

    def test_dev_hosts_can_be_switched_off(self, client, mirrors, settings):
        settings.DEV_HOSTS = []
        assert get(client, "127.0.0.1:8000").status_code == 400
        assert get(client, PRIMARY).status_code == 200

    def test_unknown_host_gets_400_even_without_any_domain(self, client, db):
        assert get(client, "attacker.example").status_code == 400


class TestRedirectMode:
    def test_retired_mirror_redirects_every_path_to_the_primary_keeping_the_query(self, client, mirrors):
        DomainFactory(hostname="retired.newsroom.example", mode=Domain.Mode.REDIRECT)
        for path, query in [("/", ""), ("/section/news/", "page=2&utm_source=x"), ("/story/1/a-story/", "q=%C3%A9t%C3%A9")]:
            response = client.get(f"{path}?{query}" if query else path, HTTP_HOST="Retired.newsroom.example.:8080")
            assert response.status_code == 301
            assert response["Location"] == f"http://{PRIMARY}{path}" + (f"?{query}" if query else "")

    def test_a_path_starting_with_two_slashes_redirects_to_that_path_on_the_primary(self, client, mirrors):
        """"//evil.example/x" is a path here, not another host: a 301 to the primary, never a 500."""
        DomainFactory(hostname="retired.newsroom.example", mode=Domain.Mode.REDIRECT)
        # (The test client would read "//evil.example" as a host, so the raw path goes in PATH_INFO.)
        response = client.get("/", HTTP_HOST="retired.newsroom.example", PATH_INFO="//evil.example/x")
        assert response.status_code == 301
        assert response["Location"] == f"http://{PRIMARY}/evil.example/x"

    def test_redirect_keeps_the_scheme(self, client, mirrors):
        DomainFactory(hostname="retired.newsroom.example", mode=Domain.Mode.REDIRECT)
        response = client.get("/", HTTP_HOST="retired.newsroom.example", secure=True)
        assert response["Location"] == f"https://{PRIMARY}/"

    def test_inactive_redirecting_mirror_gets_400(self, client, mirrors):
        DomainFactory(hostname="retired.newsroom.example", mode=Domain.Mode.REDIRECT, is_active=False)
        assert get(client, "retired.newsroom.example").status_code == 400


class TestCacheWindow:
    def test_deactivated_mirror_is_refused_right_after_the_save(self, client, mirrors):
        mirror = Domain.objects.get(hostname="mirror2.newsroom.example")
        assert get(client, mirror.hostname).status_code == 200
        mirror.is_active = False
        mirror.save()
        assert get(client, mirror.hostname).status_code == 400

    def test_added_mirror_is_served_right_after_the_save(self, client, mirrors):
        assert get(client, "mirror4.newsroom.example").status_code == 400
        DomainFactory(hostname="mirror4.newsroom.example")
        assert get(client, "mirror4.newsroom.example").status_code == 200

    def test_another_servers_change_reaches_this_process_within_domain_cache_seconds(self, client, mirrors, settings, time_machine):
        """Another app server's save bumps the shared cache; this process's copy expires on its own."""
        time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False)
        settings.DOMAIN_CACHE_SECONDS = 5
        assert get(client, "mirror2.newsroom.example").status_code == 200
        # What the other server does: its own save, whose signal reaches the shared cache, not our process.
        Domain.objects.filter(hostname="mirror2.newsroom.example").update(is_active=False)
        domain_cache.bump_generation()

        time_machine.move_to(datetime(2026, 3, 1, 9, 0, 4, tzinfo=UTC), tick=False)
        assert get(client, "mirror2.newsroom.example").status_code == 200  # still this process's copy
        time_machine.move_to(datetime(2026, 3, 1, 9, 0, 5, tzinfo=UTC), tick=False)
        assert get(client, "mirror2.newsroom.example").status_code == 400

    def test_without_redis_another_workers_save_reaches_this_one_within_domain_cache_seconds(
        self, client, mirrors, settings, time_machine,
    ):
        """With no REDIS_URL each worker's cache is its own memory, which no other worker's save can bump:
        the table kept there expires with the process copy, not a day later."""
        settings.REDIS_URL = ""
        settings.DOMAIN_CACHE_SECONDS = 5
        time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False)
        assert get(client, "mirror2.newsroom.example").status_code == 200
        # Another worker's save: its signal bumps its own memory, never ours.
        Domain.objects.filter(hostname="mirror2.newsroom.example").update(is_active=False)
        time_machine.move_to(datetime(2026, 3, 1, 9, 0, 5, tzinfo=UTC), tick=False)
        assert get(client, "mirror2.newsroom.example").status_code == 400

    def test_a_save_is_invalidated_again_after_commit(self, mirrors, django_capture_on_commit_callbacks):
        """A server that reloaded between the save and the commit read the old rows: the commit drops them."""
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            DomainFactory(hostname="mirror4.newsroom.example")
        assert callbacks
        assert "mirror4.newsroom.example" in domain_cache.domain_table().by_hostname


class TestQueries:
    def test_steady_state_requests_do_not_query_the_domain_tables(self, client, mirrors):
        get(client, "mirror1.newsroom.example")
        with CaptureQueriesContext(connection) as queries:
            assert get(client, "mirror1.newsroom.example").status_code == 200
        assert not [query for query in queries if "domains_" in query["sql"]]

    def test_a_fresh_process_reads_the_shared_cache_not_the_database(self, mirrors, django_assert_num_queries):
        domain_cache.domain_table()
        domain_cache.forget_process_copy()
        with django_assert_num_queries(0):
            table = domain_cache.domain_table()
        assert table.primary.hostname == PRIMARY

    def test_the_process_copy_is_reused_within_the_window(self, mirrors, django_assert_num_queries):
        first = domain_cache.domain_table()
        with django_assert_num_queries(0):
            assert domain_cache.domain_table() is first

    def test_a_cold_cache_costs_two_queries(self, mirrors, django_assert_num_queries):
        with django_assert_num_queries(2):  # the domains; the site's name with its platform links
            domain_cache.domain_table()

    def test_refused_requests_cost_no_query_once_cached(self, client, mirrors, django_assert_num_queries):
        domain_cache.domain_table()
        with django_assert_num_queries(0):
            assert get(client, "attacker.example").status_code == 400


def test_a_domain_table_survives_the_shared_cache_round_trip(mirrors):
    """Rows come back from the shared cache as Domain instances that know they are saved."""
    domain_cache.domain_table()
    domain_cache.forget_process_copy()
    domain = domain_cache.domain_table().by_hostname["mirror1.newsroom.example"]
    assert isinstance(domain, Domain) and not domain._state.adding
    assert domain == Domain.objects.get(hostname="mirror1.newsroom.example")


def test_process_copy_is_not_trusted_when_the_clock_goes_back(mirrors, time_machine):
    time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False)
    first = domain_cache.domain_table()
    time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC) - timedelta(hours=1), tick=False)
    assert domain_cache.domain_table() is not first
