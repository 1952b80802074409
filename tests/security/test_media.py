"""Uploads are never served as a page: raster images inline, anything else downloaded, HTML and SVG refused."""
import gzip
import io

import pytest
from django.urls import resolve
from PIL import Image

from security.urls import media_urlpatterns
from security.views import serve_media

# The site plus the development media route; the site's 404 page reads the sections menu.
pytestmark = [pytest.mark.urls("tests.security.urls"), pytest.mark.django_db]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(image, "JPEG")
    files = {
        "photos/harbour.jpg": image.getvalue(),
        "photos/not-really.png": b"<html><script>alert(document.cookie)</script></html>",
        "uploads/page.html": b"<script>alert(1)</script>",
        "uploads/page.HTM": b"<script>alert(1)</script>",
        "uploads/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "uploads/logo.SVGZ": gzip.compress(b"<svg onload='alert(1)'/>"),
        "uploads/statement.pdf": b"%PDF-1.4 statement",
        "uploads/archive.html.gz": gzip.compress(b"<script>alert(1)</script>"),
        "uploads/notes": b"<script>alert(1)</script>",
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    return tmp_path


def assert_inert(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"


def test_photo_is_served_inline_as_an_image(client, media):
    response = client.get("/media/photos/harbour.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert_inert(response)


def test_html_named_png_keeps_its_image_type_and_is_never_sniffed(client, media):
    """The type comes from the name, and nosniff stops a browser from reading the markup inside as a page."""
    response = client.get("/media/photos/not-really.png")
    assert response["Content-Type"] == "image/png"
    assert_inert(response)


@pytest.mark.parametrize("name", ["page.html", "page.HTM", "logo.svg", "logo.SVGZ"])
def test_html_and_svg_uploads_are_refused(client, media, name):
    assert client.get(f"/media/uploads/{name}").status_code == 404


@pytest.mark.parametrize("name", ["statement.pdf", "archive.html.gz", "notes"])
def test_anything_else_is_a_download(client, media, name):
    """Documents and unknown types are attachments of no particular type, never unpacked or shown."""
    response = client.get(f"/media/uploads/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert "Content-Encoding" not in response
    assert_inert(response)


def test_paths_outside_media_root_are_not_served(client, media):
    (media.parent / "secret.txt").write_text("outside")
    for path in ["/media/../secret.txt", "/media/%2e%2e/secret.txt", "/media/photos/../../secret.txt"]:
        assert client.get(path).status_code in (400, 404)


def test_media_route_exists_only_in_debug_and_for_local_media(settings):
    assert media_urlpatterns() == []  # DEBUG is off, as in production
    assert len(media_urlpatterns(debug=True)) == 1
    settings.MEDIA_URL = "https://media.example.net/"
    assert media_urlpatterns(debug=True) == []


@pytest.mark.urls("newsroom.urls")
def test_site_serves_development_uploads_through_the_safe_view(urls_with):
    """With DEBUG on, newsroom.urls routes /media/ to serve_media, not Django's raw static.serve."""
    urls_with(DEBUG=True)
    assert resolve("/media/photos/harbour.jpg").func is serve_media
