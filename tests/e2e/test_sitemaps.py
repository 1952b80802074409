"""The sitemaps, opened in a real browser under the site's Content Security Policy."""
import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory

pytestmark = pytest.mark.e2e


def test_the_sitemaps_show_in_the_browsers_xml_viewer_without_a_csp_violation(reader):
    """An editor checking what search engines get opens the sitemaps in Chromium: its XML viewer styles the
    tree with inline style, which the readers' `style-src 'self'` refused, leaving the text run together above it."""
    ArticleFactory(headline="Ferry strike ends")
    messages = []
    reader.on("console", lambda message: messages.append(message.text))
    reader.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective));"
    )
    for path in ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-news.xml"]:
        assert reader.goto(path).status == 200
        expect(reader.get_by_text("This XML file does not appear to have any style information")).to_be_visible()
    assert not [text for text in messages if "Content Security Policy" in text or "CSP violation" in text], messages
