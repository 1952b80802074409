"""/healthz says 503 when this app server has no collected static files, as its reader pages are then 500s."""
import pytest
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PRODUCTION_STATIC = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture
def uncollected_static(settings, tmp_path):
    """Production's manifest storage on an app server where collectstatic never ran (its STATIC_ROOT is local)."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}
    settings.STATIC_ROOT = tmp_path / "staticfiles"


def test_an_app_server_without_collected_static_files_fails_its_health_check(uncollected_static):
    """The README's recipe ran collectstatic "once per release", but each app server serves its own STATIC_ROOT: on
    the others every reader page was a 500 while /healthz said 200, so the balancer kept sending readers there."""
    ArticleFactory()
    reader = Client(raise_request_exception=False)
    assert reader.get("/").status_code == 500
    answer = reader.get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["static"] == "failing"


def test_collected_static_files_keep_the_health_check_ok(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["static"] == "ok"
