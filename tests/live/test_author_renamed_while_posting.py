"""A reporter's name corrected on their account while they post a live entry: one waits for the other and both go
through, rather than PostgreSQL killing one (the reporter's entry lost, or the site admin's correction)."""
import pytest
from django.db import connection
from django.urls import reverse

from live import services
from live.models import LiveEntry
from tests.factories import LiveCoverageFactory, UserFactory
from tests.helpers import browser_of, form_values, while_held

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def test_a_name_corrected_while_its_reporter_posts_an_entry_waits_and_both_go_through():
    ana = UserFactory(username="ana", first_name="Ana", last_name="Popsecu", role="Editor")
    coverage = LiveCoverageFactory()
    services.entry_create(coverage=coverage, by=ana, body="Rescuers reach the school.")  # readers have it
    site_admin = browser_of(UserFactory(username="root", is_superuser=True))
    change = reverse("admin:auth_user_change", args=[ana.pk])
    page = site_admin.get(change).text

    _, outcome = while_held(
        lambda: services.entry_create(coverage=coverage, by=ana, body="The school is evacuated."),  # Ana's post
        lambda: site_admin.post(change, form_values(page, last_name="Popescu")),  # meanwhile, the correction
    )

    assert "error" not in outcome and outcome["returned"].status_code == 302
    assert LiveEntry.objects.published().filter(coverage=coverage).count() == 2
    ana.refresh_from_db()
    assert ana.last_name == "Popescu"
