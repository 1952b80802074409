"""Every time box on the desk says which zone it reads the typed time in, as the story's publication box does."""
import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, LiveCoverageFactory

pytestmark = pytest.mark.django_db
ZONE = "America/St_Johns"  # UTC-3:30: a time typed as if in another zone is off by hours


@pytest.fixture(autouse=True)
def st_johns(settings):
    settings.TIME_ZONE = ZONE


def time_box_labels(client, url) -> dict:
    page = client.get(url).content.decode()
    boxes = re.findall(r'<input type="datetime-local" name="(\w+)"[^>]*id="id_(\w+)"', page)
    assert boxes, "no time box on the page"
    return {name: re.search(rf'<label[^>]*for="id_{box}"[^>]*>([^<]*)<', page)[1] for name, box in boxes}


@pytest.mark.parametrize("page", ["live entry", "alert", "scheduled update", "assignment", "story"])
def test_each_time_box_names_the_newsrooms_zone(editor_client, page):
    """The story's publication box says "Publication time (America/St_Johns)"; a scheduled update's "Goes live at", a
    live entry's "Publish at", an alert's expiry, an assignment's due time and a story's expiry and embargo said nothing,
    and an editor or correspondent working from another zone typed their own clock's time: the update of a published
    story went out hours before its embargo, or after it, with nothing on the page to say which clock was meant."""
    story = ArticleFactory(published=True)
    url = {
        "live entry": reverse("admin:live_livecoverage_change", args=[LiveCoverageFactory().pk]),
        "alert": reverse("admin:live_alert_add"),
        "scheduled update": reverse("admin:live_scheduledupdate_add") + f"?article={story.pk}",
        "assignment": reverse("admin:planning_assignment_add"),
        "story": reverse("admin:articles_article_change", args=[story.pk]),
    }[page]
    labels = time_box_labels(editor_client, url)
    assert {name: label for name, label in labels.items() if ZONE not in label} == {}
