"""The content API's docs page (/api/v1/docs), a public page of the site, meets WCAG 2.1 AA as the reader pages do.

Swagger UI with django-ninja's stylesheet unchanged failed axe-core with serious findings (found by a reviewer): grey
text below 4.5:1 (the version stamp, the server URL, the Authorize button, the schemas' expand buttons), and each
endpoint's summary a button holding a link (nested-interactive), which a screen-reader user cannot operate.
"""
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("opened", [False, True], ids=["list", "an-operation-opened"])
def test_the_api_docs_page_has_no_serious_or_critical_accessibility_violation(reader, opened):
    assert reader.goto("/api/v1/docs").status == 200
    reader.locator(".opblock-summary-path").first.wait_for()  # Swagger UI has drawn the endpoints
    if opened:
        reader.locator(".opblock-summary-control").first.click()
        reader.locator(".opblock-body").first.wait_for()
    results = Axe().run(reader).response
    assert results["passes"], "axe-core did not run"
    found = sorted(
        (violation["id"], violation["impact"], node["target"][-1])
        for violation in results["violations"] if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    )
    assert not found, "\n".join(map(str, found))
