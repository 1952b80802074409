"""Found in review: the desk's story form composes a slug before checking it (desk/forms.py, TypedSlug: "zürich"
pasted from a Mac, u and a combining mark, was refused), but the budget line's slug, made Unicode the same day
(help text: "grève-du-port"), is checked as pasted. Decomposed, its accent is no letter to Django's slug check,
and the planner is told "Enter a valid slug" for the slug the help text suggests, with nothing wrong to see."""
import unicodedata
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from planning.models import Assignment
from tests.factories import SectionFactory, UserFactory
from tests.helpers import form_values

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_budget_lines_slug_pasted_decomposed_is_saved_composed(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    client.force_login(UserFactory(role="Editor"))
    desk = SectionFactory(slug="economy")
    url = reverse("admin:planning_assignment_add")
    pasted = unicodedata.normalize("NFD", "grève-du-port")  # as macOS hands it over
    data = form_values(client.get(url).text, slug=pasted, working_headline="Port strike", desk=str(desk.pk),
                       due_at="2026-11-24T18:00:00", art="none")
    response = client.post(url, data)
    errors = response.context["adminform"].form.errors if response.status_code == 200 else {}
    assert response.status_code == 302, errors
    assert Assignment.objects.get().slug == "grève-du-port"
