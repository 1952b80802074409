"""seed_demo refuses a production site: its desk logins' passwords, a superuser's included, are in the README."""
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_a_site_served_over_https(settings):
    """Run on a new production newsroom (no story yet: the README gives no other way to a first desk login), it made
    `admin` a superuser with the password `newsroom-admin`, printed in the README, on the public desk."""
    settings.HTTPS = True
    with pytest.raises(CommandError, match="HTTPS"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()
    assert not Article.objects.exists()


def test_seed_demo_still_loads_on_plain_http(settings):
    settings.HTTPS = False
    call_command("seed_demo", verbosity=0)
    assert get_user_model().objects.get(username="admin").is_superuser
