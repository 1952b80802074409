import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches


def _reload_urls():
    import newsroom.urls

    importlib.reload(newsroom.urls)
    clear_url_caches()


@pytest.fixture
def urls_with():
    """Rebuild newsroom.urls under settings it reads at import (DEBUG, ADMIN_PATH); restore both afterwards."""
    overrides = []

    def rebuild(**changed):
        override = override_settings(**changed)
        override.enable()
        overrides.append(override)
        _reload_urls()

    yield rebuild
    for override in reversed(overrides):
        override.disable()
    _reload_urls()
