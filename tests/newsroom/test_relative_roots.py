"""MEDIA_ROOT and STATIC_ROOT written as .env.example writes them (`media`, `staticfiles`) are the project's folders."""
from tests.helpers import ROOT, manage

ROOTS = "from django.conf import settings; print(settings.STATIC_ROOT); print(settings.MEDIA_ROOT)"


def test_relative_roots_are_the_projects_folders_whatever_the_working_directory(tmp_path):
    """.env.example gives `STATIC_ROOT=staticfiles` as the default, which is the project's folder; read from the working
    directory instead, `python /srv/newsroom/manage.py collectstatic` run from a home directory collected the files
    there, and the app servers, started in the project, had none (every page a 500); uploads went astray alike."""
    result = manage("shell", "-v", "0", "-c", ROOTS, cwd=tmp_path, SECRET_KEY="a-real-key", STATIC_ROOT="staticfiles",
                    MEDIA_ROOT="media")
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.split() == [str(ROOT / "staticfiles"), str(ROOT / "media")]


def test_absolute_roots_are_kept(tmp_path):
    result = manage("shell", "-v", "0", "-c", ROOTS, SECRET_KEY="a-real-key", STATIC_ROOT=str(tmp_path / "s"),
                    MEDIA_ROOT=str(tmp_path / "m"))
    assert result.stdout.split() == [str(tmp_path / "s"), str(tmp_path / "m")]
