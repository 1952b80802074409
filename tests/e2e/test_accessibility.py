"""Scenario 5: axe-core finds no serious or critical accessibility problem on the reader pages."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article


pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}


def reader_pages() -> dict[str, str]:
    """The demo newsroom's pages to check: the reference story, with its photos, its section, and the live story."""
    article = Article.objects.published().get(slug="turkey-russia-open-ceasefire-talks-northern-syria")
    live = Article.objects.published().get(slug="storm-brenna-live-coast-flooding")
    return {
        "home": "/", "article": article.get_absolute_url(), "section": article.section.get_absolute_url(),
        "live": live.get_absolute_url(),  # entries, the pinned summary, the breaking-news banner
        "search": f"{reverse('articles:search')}?q=ceasefire",
    }


def describe(violations) -> str:
    return "\n".join(
        f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})\n"
        + "\n".join(f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"])
        for violation in violations
    )


def test_reader_pages_have_no_serious_or_critical_accessibility_violations(reader, screenshot):
    """Home, a story, a section and (when it exists) search pass axe-core without serious or critical findings."""
    call_command("seed_demo", verbosity=0)
    axe = Axe()
    found = {}
    for name, url in reader_pages().items():
        assert reader.goto(url).status == 200, url
        results = axe.run(reader).response
        assert results["passes"], f"axe-core did not run on {url}"
        violations = [v for v in results["violations"] if v["impact"] in BLOCKING]
        screenshot(name, of=reader)
        if violations:
            found[url] = describe(violations)
    assert not found, "\n\n".join(f"{url}\n{report}" for url, report in found.items())
