"""Every template of the project, read as Django reads it."""
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# `{# … #}` is a comment on one line only: spread over two, Django prints it, and readers saw it above each live entry.
OPEN_COMMENT = re.compile(r"\{#(?![^\n]*#\})")


def project_templates():
    return [path for path in ROOT.glob("**/templates/**/*")
            if path.suffix in {".html", ".xml", ".txt"} and not {".venv", "staticfiles", "media"} & set(path.parts)]


def test_no_template_comment_runs_over_two_lines():
    assert project_templates()
    spread = [f"{path.relative_to(ROOT)}:{text[:match.start()].count(chr(10)) + 1}"
              for path in project_templates() for text in [path.read_text()] for match in OPEN_COMMENT.finditer(text)]
    assert spread == [], "use {% comment %} for a comment over several lines"
