"""Login throttling (django-axes): a successful login clears no failure (found in a review). With axes' reset on
success, it cleared every failure matching the username *or* the address: one's own login from an address wiped
the failures recorded there against every other account, so the guessing never ended."""
import pytest
from django.test import Client
from django.urls import reverse
from django.contrib.auth import SESSION_KEY

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
