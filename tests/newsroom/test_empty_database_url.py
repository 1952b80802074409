"""An empty DATABASE_URL, as .env.example has it, is the SQLite file .env.example says it is."""
from tests.helpers import ROOT, manage


def test_an_empty_database_url_means_the_sqlite_file():
    """.env.example, copied as it says to a deployment's environment file, sets `DATABASE_URL=` (documented
    "Empty: SQLite file db.sqlite3"): every command died at start with a KeyError 'ENGINE'."""
    script = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    result = manage("shell", "-v", "0", "-c", script, SECRET_KEY="a-real-key", DATABASE_URL="")
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.split() == ["django.db.backends.sqlite3", str(ROOT / "db.sqlite3")]
