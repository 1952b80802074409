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


@pytest.fixture(scope="module")
def test_database_url(django_db_setup):
    """The test database as a DATABASE_URL, for servers started beside the test (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("A server started beside the test needs a database server both can reach: run the suite on PostgreSQL.")
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
