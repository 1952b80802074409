"""The live desk shows an entry's text as typed: it was escaped twice ("Turnout &lt;40% &amp; rising"), found in a review."""
import pytest
from django.urls import reverse

from live import services
from live.models import LiveEntry
from tests.factories import LiveCoverageFactory

pytestmark = pytest.mark.django_db

TYPED = "Turnout <40% & rising"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_the_composer_lists_an_entry_with_a_less_than_and_an_ampersand_as_typed(editor_client):
    """The composer's list of entries (live/templates/live/admin/composer.html) prints
    `entry.body|striptags|truncatewords:20`: striptags leaves the stored entities (&lt; &amp;) and autoescape
    escapes them again, so the desk reads "Turnout &lt;40% &amp; rising" instead of what was typed."""
    coverage = LiveCoverageFactory()
    url = reverse("admin:live_livecoverage_change", args=[coverage.pk])
    response = editor_client.post(url, {"kind": "update", "headline": "", "body": TYPED})
    assert response.status_code == 302
    assert LiveEntry.objects.get().text == TYPED  # stored right: "<p>Turnout &lt;40% &amp; rising</p>"
    page = editor_client.get(url).content.decode()
    assert "&amp;lt;" not in page and "&amp;amp;" not in page
    assert "Turnout &lt;40% &amp; rising" in page


def test_an_entrys_change_history_shows_the_text_before_as_typed(editor_client, editor):
    """The entry's edit page lists its changes with `change.body_before|striptags`
    (live/templates/live/admin/entry_edit.html): the earlier text is shown with its entities doubled
    ("&amp;lt;40% &amp;amp;"), so the record of what an entry said before an edit misquotes it."""
    coverage = LiveCoverageFactory()
    entry = services.entry_create(coverage=coverage, by=editor, body=TYPED, kind=LiveEntry.Kind.UPDATE, headline="")
    services.entry_edit(entry=entry, by=editor, body="Turnout is rising.", headline="")
    page = editor_client.get(reverse("admin:live_liveentry_edit", args=[coverage.pk, entry.pk])).content.decode()
    assert "&amp;lt;" not in page and "&amp;amp;" not in page
    assert "Turnout &lt;40% &amp; rising" in page
