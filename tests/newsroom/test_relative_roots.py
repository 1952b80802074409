"""MEDIA_ROOT and STATIC_ROOT written as .env.example writes them (`media`, `staticfiles`) are the project's folders."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_relative_roots_are_the_projects_folders_whatever_the_working_directory(tmp_path):
    """.env.example gives `STATIC_ROOT=staticfiles` as the default, which is the project's folder; read from the working
    directory instead, `python /srv/newsroom/manage.py collectstatic` run from a home directory collected the files
    there, and the app servers, started in the project, had none (every page a 500); uploads went astray alike."""
    clean = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    script = "from django.conf import settings; print(settings.STATIC_ROOT); print(settings.MEDIA_ROOT)"
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-v", "0", "-c", script], cwd=tmp_path,
        env={**clean, "SECRET_KEY": "a-real-key", "STATIC_ROOT": "staticfiles", "MEDIA_ROOT": "media"},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.split() == [str(ROOT / "staticfiles"), str(ROOT / "media")]


def test_absolute_roots_are_kept(tmp_path):
    clean = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    script = "from django.conf import settings; print(settings.STATIC_ROOT); print(settings.MEDIA_ROOT)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script], cwd=ROOT,
        env={**clean, "SECRET_KEY": "a-real-key", "STATIC_ROOT": str(tmp_path / "s"), "MEDIA_ROOT": str(tmp_path / "m")},
        capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.split() == [str(tmp_path / "s"), str(tmp_path / "m")]
