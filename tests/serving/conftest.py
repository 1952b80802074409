"""Fixtures shared by the tests that start real servers (test_two_nodes.py, test_varnish.py)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Collected static files, as `make serve` has them (the servers run with DEBUG off)."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "SECRET_KEY": "collect", "STATIC_ROOT": str(root), "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0", "--ignore", "ckeditor"],
                   cwd=ROOT, env=env, check=True, timeout=300)
    return root
