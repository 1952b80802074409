"""Settings come from the environment, and production refuses to start unsafely."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    clean = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=60,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_check()
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_starts_with_a_secret_key_or_in_debug():
    assert run_check(SECRET_KEY="a-real-key-from-the-environment").returncode == 0
    assert run_check(DEBUG="1").returncode == 0


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """Every model change ships with its migration."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
