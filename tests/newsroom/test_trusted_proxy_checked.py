"""TRUSTED_PROXY is a count: a word in its place stops the start, naming it, instead of trusting no proxy."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    clean = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", "TRUSTED_PROXY"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, "SECRET_KEY": "a-real-key", **env},
        capture_output=True, text=True, timeout=60,
    )


def test_a_word_for_trusted_proxy_is_refused_at_start():
    """`TRUSTED_PROXY=true` was read as 0: behind the TLS balancer with HTTPS=1 every reader page redirected to
    itself for ever, and every failed login counted against the balancer's address, locking out the whole desk."""
    for value in ("true", "yes", "-1"):
        result = manage("check", TRUSTED_PROXY=value)
        assert result.returncode != 0, value
        assert "TRUSTED_PROXY" in result.stderr, value


def test_trusted_proxy_reads_a_count_or_empty():
    script = "from django.conf import settings; print(settings.TRUSTED_PROXY)"
    assert manage("shell", "-v", "0", "-c", script, TRUSTED_PROXY="2").stdout.strip() == "2"
    assert manage("shell", "-v", "0", "-c", script, TRUSTED_PROXY="").stdout.strip() == "0"
