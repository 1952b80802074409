import importlib

import pytest
from django.urls import clear_url_caches


@pytest.fixture
def reload_urls():
    """Rebuild newsroom.urls after a settings change it reads at import; restore it afterwards."""
    import newsroom.urls

    def reload():
        importlib.reload(newsroom.urls)
        clear_url_caches()

    yield reload
    importlib.reload(newsroom.urls)
    clear_url_caches()
