"""The API's docs page works in a real browser under the site's Content Security Policy."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_api_docs_render_every_endpoint_without_a_csp_violation(reader):
    """Swagger UI loads from our own static files, reads the OpenAPI document and lists the endpoints, and
    the browser reports no Content Security Policy violation on the way."""
    messages = []
    reader.on("console", lambda message: messages.append(message.text))
    reader.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective));"
    )
    assert reader.goto("/api/v1/docs").status == 200
    for path in ["/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/changes"]:
        expect(reader.locator(".opblock-summary-path", has_text=path).first).to_be_visible()
    reader.locator(".opblock-summary-path", has_text="/api/v1/sections").first.click()
    reader.get_by_role("button", name="Try it out").click()
    reader.get_by_role("button", name="Execute").click()
    expect(reader.locator(".responses-table .response .response-col_status").first).to_have_text("200")
    assert not [text for text in messages if "Content Security Policy" in text or "CSP violation" in text], messages
