"""An empty DATABASE_URL, as .env.example has it, is the SQLite file .env.example says it is."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_an_empty_database_url_means_the_sqlite_file():
    """.env.example, copied as it says to a deployment's environment file, sets `DATABASE_URL=` (documented
    "Empty: SQLite file db.sqlite3"): every command died at start with a KeyError 'ENGINE'."""
    clean = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    script = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script], cwd=ROOT,
        env={**clean, "SECRET_KEY": "a-real-key", "DATABASE_URL": ""}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.split() == ["django.db.backends.sqlite3", str(ROOT / "db.sqlite3")]
