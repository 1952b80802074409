"""Settings come from the environment, and production refuses to start unsafely."""
import pytest
from django.core.management import call_command

from tests.helpers import manage


def run_check(**env):
    return manage("check", **env)


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
