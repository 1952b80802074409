"""The demo newsroom's domains."""
import pytest
from django.core.management import call_command

from domains.models import Domain, PlatformLink

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_primary_three_mirrors_and_a_tv_link_once():
    call_command("seed_demo", verbosity=0)
    snapshot = list(Domain.objects.values()), list(PlatformLink.objects.values())
    call_command("seed_demo", verbosity=0)
    assert snapshot == (list(Domain.objects.values()), list(PlatformLink.objects.values()))
    assert Domain.objects.get(is_primary=True).hostname == "newsroom.example"
    assert Domain.objects.filter(is_primary=False, is_active=True).count() == 3
    assert all(domain.hostname.endswith(".example") for domain in Domain.objects.all())
    assert PlatformLink.objects.get().label == "Newsroom TV app"


def test_seed_demo_leaves_a_newsrooms_own_domains_alone():
    Domain.objects.create(hostname="news.example", is_primary=True)
    call_command("seed_demo", verbosity=0)
    assert list(Domain.objects.values_list("hostname", flat=True)) == ["news.example"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "newsroom.example", "mirror3.newsroom.example"])
def test_demo_site_answers_on_make_run_address_and_demo_domains(client, host):
    call_command("seed_demo", verbosity=0)
    content = client.get("/", HTTP_HOST=host).content.decode()
    assert '<link rel="canonical" href="http://newsroom.example/">' in content
    assert "mirror1.newsroom.example" in content and "Newsroom TV app" in content
