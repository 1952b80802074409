"""Login throttling through the real admin login form: per account, per address, and the cool-off."""
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

RIGHT = "correct-horse-battery"  # the factories' password


def log_in(username, password, ip):
    """POST the admin login form from `ip` with a fresh browser; return the response and its client."""
    client = Client()
    response = client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)
    return response, client


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


def fail(times, username="ed-editor", ips=None):
    for attempt in range(times):
        ip = ips[attempt] if ips else "192.0.2.1"
        response, _client = log_in(username if isinstance(username, str) else username[attempt], "wrong-guess", ip)
        assert response.status_code in (200, 429)


@pytest.fixture
def limit(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    return settings.AXES_FAILURE_LIMIT


@pytest.mark.django_db
def test_correct_password_logs_in(editor):
    response, client = log_in("ed-editor", RIGHT, "192.0.2.1")
    assert response.status_code == 302
    assert logged_in(client)


@pytest.mark.django_db
def test_failures_below_the_limit_do_not_lock(editor, limit):
    """Four wrong passwords, then the right one, logs in."""
    fail(limit - 1)
    response, client = log_in("ed-editor", RIGHT, "192.0.2.1")
    assert response.status_code == 302 and logged_in(client)


@pytest.mark.django_db
def test_failures_lock_the_account_from_any_address(editor, limit):
    """Five failures from five addresses lock the account: the right password from a sixth is refused."""
    fail(limit, ips=[f"198.51.100.{n}" for n in range(limit)])
    response, client = log_in("ed-editor", RIGHT, "203.0.113.77")
    assert response.status_code == 429
    assert not logged_in(client)


@pytest.mark.django_db
def test_failures_from_one_address_lock_the_address_for_every_account(editor, journalist, limit):
    """Five failures across five usernames from one address lock that address, and only it."""
    fail(limit, username=[f"guess{n}" for n in range(limit)], ips=["192.0.2.9"] * limit)
    response, client = log_in("ed-editor", RIGHT, "192.0.2.9")
    assert response.status_code == 429 and not logged_in(client)
    response, client = log_in("jo-journalist", RIGHT, "192.0.2.10")
    assert response.status_code == 302 and logged_in(client)


@pytest.mark.django_db
def test_lockout_page_says_why_and_when_to_retry(editor, limit):
    """The lockout answer is a 429 page with Retry-After, the desk's headers, and no password form."""
    fail(limit)
    response, _client = log_in("ed-editor", RIGHT, "192.0.2.1")
    content = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Too many failed logins" in content and "15 minutes" in content
    assert 'name="password"' not in content
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_lockout_lifts_after_the_cool_off(editor, limit, time_machine):
    """Fifteen quiet minutes after the last failure the account opens again; an attempt while locked restarts the wait."""
    time_machine.move_to("2026-11-24 09:00:00+00:00", tick=False)
    fail(limit)
    time_machine.move_to("2026-11-24 09:14:00+00:00", tick=False)
    assert log_in("ed-editor", RIGHT, "192.0.2.1")[0].status_code == 429  # and the cool-off restarts at 09:14
    time_machine.move_to("2026-11-24 09:29:01+00:00", tick=False)
    response, client = log_in("ed-editor", RIGHT, "192.0.2.1")
    assert response.status_code == 302 and logged_in(client)


@pytest.mark.django_db
def test_success_resets_the_accounts_own_failure_count(editor, limit):
    """After a successful login, the account's own earlier failures no longer count towards a lockout (and no one
    else's are cleared: tests/security/test_login_reset.py)."""
    fail(limit - 1)
    assert log_in("ed-editor", RIGHT, "192.0.2.1")[0].status_code == 302
    fail(limit - 1)
    assert log_in("ed-editor", RIGHT, "192.0.2.1")[0].status_code == 302


@pytest.mark.django_db
def test_force_login_is_not_throttled(editor, limit, client):
    """Tests and tools that log a user in without a password are not counted or blocked."""
    fail(limit)
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_test_clients_password_login_still_works(client, editor, limit):
    """client.login() authenticates without a request; it is neither throttled nor broken by the throttle."""
    assert client.login(username="ed-editor", password=RIGHT)
    assert not Client().login(username="ed-editor", password="wrong-guess")


def test_passwords_need_twelve_characters_and_must_not_be_common():
    for weak in ["short-pw-1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("ferry-lantern-quartz")


@pytest.mark.django_db
def test_admin_path_moves_the_desk_and_its_policy(urls_with, client, editor):
    """ADMIN_PATH moves the whole desk, login included; /admin/ is then an ordinary 404."""
    urls_with(ADMIN_PATH="desk-4f7a/")
    assert reverse("admin:login") == "/desk-4f7a/login/"
    assert client.get("/admin/login/").status_code == 404
    response = client.get("/desk-4f7a/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]  # the desk's policy follows the path
    response, logged = log_in("ed-editor", RIGHT, "192.0.2.1")
    assert response.status_code == 302 and logged_in(logged)


def test_cool_off_and_limit_come_from_the_environment(settings):
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AUTHENTICATION_BACKENDS[0] == "security.backends.ThrottledLoginBackend"


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_appended(settings, rf):
    """A client can prepend anything to X-Forwarded-For; only the right-most entry is our proxy's."""
    from security.audit import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    settings.TRUSTED_PROXY = False
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY = True
    assert client_ip(request) == "198.51.100.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


@pytest.mark.django_db
def test_behind_a_balancer_and_varnish_one_persons_failures_do_not_lock_out_the_desk(settings, editor, journalist, limit):
    """Varnish appends the balancer's address after the one the balancer appended: with TRUSTED_PROXY=2 the
    lockout counts each reader's address, not the balancer's, which every login would share."""
    settings.TRUSTED_PROXY = 2
    balancer, varnish = "10.0.1.5", "10.0.2.7"
    for attempt in range(limit):
        response = Client().post(reverse("admin:login"), {"username": "jo-journalist", "password": "wrong-guess"},
                                 REMOTE_ADDR=varnish, HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}, 198.51.100.7, {balancer}")
        assert response.status_code in (200, 429)
    editor_login = Client()
    response = editor_login.post(reverse("admin:login"), {"username": "ed-editor", "password": RIGHT},
                                 REMOTE_ADDR=varnish, HTTP_X_FORWARDED_FOR=f"192.0.2.44, {balancer}")
    assert response.status_code == 302 and logged_in(editor_login)


def test_with_two_trusted_proxies_the_address_is_the_one_the_first_appended(settings, rf):
    """The second from the right; with fewer entries (a request that reached Varnish directly) the left-most,
    which one of our proxies wrote."""
    from security.audit import client_ip

    settings.TRUSTED_PROXY = 2
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="198.51.100.8")) == "198.51.100.8"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.3")) == "10.0.0.3"


@pytest.mark.django_db
def test_site_admin_can_see_and_clear_lockouts(admin_client, editor, limit):
    """Locked accounts are listed in the desk for site admins, who can delete the attempts."""
    fail(limit)
    response = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200 and "ed-editor" in response.content.decode()
