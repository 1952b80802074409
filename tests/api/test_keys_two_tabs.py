"""New API keys' tokens wait in the session, one per key, until each key's page shows it: a site admin making keys
for two apps in two tabs sees both. Under one fixed session key the second overwrote the first, an active key whose
token nobody ever saw (found by a reviewer)."""
import re

import pytest
from django.urls import reverse

from api.models import ApiKey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_two_keys_made_in_two_tabs_each_show_their_token(client):
    client.force_login(UserFactory(username="site-admin", is_superuser=True))
    add = reverse("admin:api_apikey_add")
    tv = client.post(add, {"name": "TV app", "rate_limit": "120", "is_active": "on"})
    radio = client.post(add, {"name": "Radio app", "rate_limit": "120", "is_active": "on"})  # the other tab
    assert ApiKey.objects.count() == 2

    pages = {name: client.get(made["Location"]).content.decode() for name, made in (("TV", tv), ("Radio", radio))}
    shown = {name: re.search(r'id="issued-token" type="text" value="([^"]+)"', page) for name, page in pages.items()}
    assert shown["Radio"], "the second key's token was not shown"
    assert shown["TV"], "the first key's token was overwritten in the session and never shown: the key is unusable"
