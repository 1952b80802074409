"""Media storage comes from the environment: local files, or an S3-compatible object store."""
import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from serving.storage import media_storage_from_env

ROOT = Path(__file__).resolve().parents[2]


def test_media_are_local_files_by_default():
    assert media_storage_from_env({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_name_selects_the_object_store_with_plain_urls():
    storage = media_storage_from_env({
        "AWS_STORAGE_BUCKET_NAME": "newsroom-media", "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
        "AWS_S3_REGION_NAME": "eu-west-1", "AWS_S3_ADDRESSING_STYLE": "path",
    })
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "newsroom-media"
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["region_name"] == "eu-west-1"
    assert options["addressing_style"] == "path"
    # Signed URLs would expire inside cached pages; uploads never overwrite each other.
    assert options["querystring_auth"] is False and options["file_overwrite"] is False


def test_settings_take_the_media_storage_from_the_environment():
    env = {**os.environ, "SECRET_KEY": "x", "AWS_STORAGE_BUCKET_NAME": "newsroom-media"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "storages.backends.s3.S3Storage", result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 API on loopback: moto's server mode, in a thread of this process."""
    moto_server = pytest.importorskip(
        "moto.server", reason="moto[server] (requirements-dev.txt) is not installed: no S3 API to test against",
    )
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_media(settings, s3_endpoint):
    import boto3

    env = {
        "AWS_STORAGE_BUCKET_NAME": "newsroom-media", "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret",
        "AWS_S3_REGION_NAME": "us-east-1", "AWS_S3_ADDRESSING_STYLE": "path",
    }
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id="test-key", aws_secret_access_key="test-secret")
    client.create_bucket(Bucket="newsroom-media")
    settings.STORAGES = {**settings.STORAGES, "default": media_storage_from_env(env)}
    return client


def png_bytes(size=(1200, 800)) -> bytes:
    image = Image.new("RGB", size, (30, 90, 160))
    for x in range(0, size[0], 40):
        image.paste((240, 200, 40), (x, 0, x + 20, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_photo_and_its_rendition_round_trip_through_an_s3_api(s3_media, s3_endpoint):
    original = png_bytes()
    name = default_storage.save("photos/harbour.png", ContentFile(original))
    with default_storage.open(name) as stored:
        assert stored.read() == original

    with default_storage.open(name) as stored:
        rendition = Image.open(stored)
        rendition.thumbnail((320, 320))
        buffer = io.BytesIO()
        rendition.convert("RGB").save(buffer, format="JPEG", quality=80)
    rendition_name = default_storage.save("photos/renditions/harbour-320.jpg", ContentFile(buffer.getvalue()))
    with default_storage.open(rendition_name) as stored:
        assert Image.open(stored).size == (320, 213)

    keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket="newsroom-media")["Contents"]}
    assert keys == {"photos/harbour.png", "photos/renditions/harbour-320.jpg"}
    assert default_storage.url(name) == f"{s3_endpoint}/newsroom-media/photos/harbour.png"


def test_an_upload_with_a_taken_name_gets_a_new_name(s3_media):
    first = default_storage.save("photos/same.png", ContentFile(png_bytes((10, 10))))
    second = default_storage.save("photos/same.png", ContentFile(png_bytes((20, 20))))
    assert first != second
