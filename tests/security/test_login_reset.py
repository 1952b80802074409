"""Login throttling (django-axes): a successful login clears its own account's failures and no one else's (found in
reviews). With axes' reset on success, it cleared every failure matching the username *or* the address: one's own
login from an address wiped the failures recorded there against every other account, so the guessing never ended;
with none cleared, a desk behind one office address locked itself out by its morning's typos."""
import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

RIGHT = "correct-horse-battery"  # the factories' password
ATTACKER_IP = "192.0.2.66"


def log_in(username, password, ip):
    client = Client()
    response = client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)
    return response, client


@pytest.mark.django_db
def test_a_login_to_ones_own_account_does_not_clear_failures_against_a_colleagues(editor, journalist, settings):
    """Anyone with a desk login (a freelancer, a stolen junior account) guesses a colleague's or a site admin's
    password `limit - 1` times, logs in to their own account from the same address, and goes on: the victim's
    count is cleared each time, so the per-account lockout never comes and the guessing is unlimited."""
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    statuses = [log_in(editor.username, "wrong-guess", ATTACKER_IP)[0].status_code for _ in range(limit - 1)]
    assert log_in(journalist.username, RIGHT, ATTACKER_IP)[0].status_code == 302  # the attacker's own account
    statuses.append(log_in(editor.username, "wrong-guess", ATTACKER_IP)[0].status_code)
    # 5 failures against the editor's account: the limit, so it is locked, from any address.
    response, client = log_in(editor.username, RIGHT, "203.0.113.5")
    assert response.status_code == 429, statuses
    assert SESSION_KEY not in client.session


OFFICE = "198.51.100.20"  # a newsroom's one public address


@pytest.mark.django_db
def test_colleagues_who_each_mistyped_once_and_then_logged_in_do_not_lock_out_the_office(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    colleagues = [UserFactory(role="Journalist") for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
    for person in colleagues[:-1]:  # each one a typo, then in: every one of them proved who they are
        log_in(person.username, "correct-horse-batery", OFFICE)
        log_in(person.username, RIGHT, OFFICE)
    response, client = log_in(colleagues[-1].username, RIGHT, OFFICE)  # the next to arrive, no typo at all
    assert response.status_code == 302 and SESSION_KEY in client.session, (
        f"{response.status_code}: the office address is locked for everyone after five typos each followed by a login")
