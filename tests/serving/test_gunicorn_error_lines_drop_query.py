"""gunicorn's own error lines keep readers' search terms out of the log, as its access lines do."""
import os
import subprocess
import sys
import threading
from pathlib import Path

import psycopg

from tests.helpers import wait_for
from tests.security.servers import fetch, free_port, write_static_manifest

ROOT = Path(__file__).resolve().parents[2]


def test_a_search_that_outlives_gunicorns_timeout_is_logged_without_its_terms(tmp_path, test_database_url):
    """A worker killed at GUNICORN_TIMEOUT logs "Error handling request GET /search/?q=…": the reader's words (a
    source's name) went into the log the README says they stay out of."""
    static_root = tmp_path / "static"
    static_root.mkdir()
    write_static_manifest(static_root)
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "HTTPS", "REDIS_URL", "FRONT_CACHES"}}
    env.update(SECRET_KEY="a-real-key", DATABASE_URL=test_database_url, STATIC_ROOT=str(static_root),
               GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1", GUNICORN_TIMEOUT="2", PAGE_CACHE="0")
    lines = []
    with psycopg.connect(test_database_url, autocommit=False) as lock:
        # The search waits on the stories' table until gunicorn kills its worker.
        lock.execute("LOCK TABLE articles_article IN ACCESS EXCLUSIVE MODE")
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--control-socket",
                                    str(tmp_path / "gunicorn.ctl"), "newsroom.wsgi"],
                                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        reader = threading.Thread(target=lambda: lines.extend(line.rstrip("\n") for line in process.stderr), daemon=True)
        reader.start()
        try:
            wait_for(lambda: any("Booting worker" in line for line in lines), 30, "gunicorn started")
            try:
                fetch(port, "/search/?q=Jane+Whistleblower", headers={"Host": "localhost"}, timeout=30)
            except OSError:
                pass  # the killed worker may close the connection without an answer
            wait_for(lambda: any("Error handling request" in line for line in lines), 30, "the worker's error line")
        finally:
            lock.rollback()
            process.terminate()
            process.wait(timeout=30)
            reader.join(timeout=5)
    error = next(line for line in lines if "Error handling request" in line)
    assert "/search" in error
    assert not [line for line in lines if "Whistleblower" in line]
