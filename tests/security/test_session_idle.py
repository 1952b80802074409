"""A desk login ends after SESSION_COOKIE_AGE without a request, and each request moves that end on."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_desk_login_ends_after_a_shift_without_a_request_and_lasts_while_used(client, editor, time_machine):
    """Django's default kept a login two weeks whether used or not: a laptop left on a desk was a desk account."""
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(editor)
    desk = reverse("admin:index")
    for _ in range(3):  # a long day, with a request every seven hours: still logged in
        time_machine.shift(timedelta(hours=7))
        assert client.get(desk).status_code == 200
    time_machine.shift(timedelta(hours=8, seconds=1))
    answer = client.get(desk)
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("admin:login"))
