"""Comparing two revisions of a long story answers before gunicorn kills the worker (GUNICORN_TIMEOUT, 30 s: a
502). Told by the work difflib does, not by a clock: its line-pair measurements and its searches for a longest match,
which grew with the square of the story's length."""
import difflib
import random

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.factories import ArticleFactory

from .helpers import change_url, edit_form

pytestmark = pytest.mark.django_db
WORDS = ["port", "strike", "talks", "dock", "union", "vote", "ministry", "wages", "cargo", "harbour", "ships", "night"]


def long_body(seed: str) -> str:
    """A speech printed in full: 500 short paragraphs, about 40 KB (a fifth of the body's limit)."""
    words = random.Random(seed)
    return "".join(f"<p>{' '.join(words.choice(WORDS) for _ in range(12))}.</p>" for _ in range(500))


@pytest.fixture
def difflib_work(monkeypatch):
    """How many line pairs difflib measured against each other (ndiff's hints for changed characters), and how many
    longest-match searches it ran: each of these costs time that grows with the text."""
    work = {"pairs measured": 0, "searches": 0}

    def counted(method, what):
        def wrapper(self, *args, **kwargs):
            work[what] += 1
            return method(self, *args, **kwargs)
        return wrapper

    for name, what in (("real_quick_ratio", "pairs measured"), ("find_longest_match", "searches")):
        monkeypatch.setattr(difflib.SequenceMatcher, name, counted(getattr(difflib.SequenceMatcher, name), what))
    return work


def test_comparing_a_long_story_rewritten_throughout_answers_in_time(editor_client, difflib_work):
    """The desk replaces a speech's agency translation with its own, every paragraph reworded, and an editor
    compares the two revisions. The comparison took about a minute (difflib.ndiff measures each removed line
    against each added one to mark changed characters, which the page never shows), so the editor got a 502
    and the worker was killed."""
    article = ArticleFactory(status=Article.Status.REVIEW, body=long_body("agency"))
    editor_client.post(change_url(article), edit_form(article))
    assert editor_client.post(change_url(article), edit_form(article, body=long_body("desk"))).status_code == 302
    newer, older = Version.objects.get_for_object(article)[:2]
    response = editor_client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"a": older.pk, "b": newer.pk})
    assert difflib_work["pairs measured"] == 0 and difflib_work["searches"] < 100, difflib_work  # ndiff: 250,000 pairs
    content = response.content.decode()
    last_before, last_after = (long_body(seed).rsplit("<p>", 1)[1] for seed in ("agency", "desk"))
    assert f"<del>− &lt;p&gt;{last_before.removesuffix('</p>')}&lt;/p&gt;</del>" in content
    assert f"<ins>+ &lt;p&gt;{last_after.removesuffix('</p>')}&lt;/p&gt;</ins>" in content


def test_comparing_a_story_with_many_empty_paragraphs_answers_in_time(editor_client, difflib_work):
    """A pasted transcript spaced with empty paragraphs, 2,000 of them alike: lines that common are not matched
    one against another (difflib's autojunk), or the comparison took over a minute."""
    spaced = "<p>&nbsp;</p>" * 2000
    article = ArticleFactory(status=Article.Status.REVIEW, body=spaced)
    editor_client.post(change_url(article), edit_form(article))
    assert editor_client.post(change_url(article), edit_form(article, body="<p>&nbsp;</p><p>Q.</p>" * 1000)).status_code == 302
    newer, older = Version.objects.get_for_object(article)[:2]
    response = editor_client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"a": older.pk, "b": newer.pk})
    assert difflib_work["searches"] < 100, difflib_work  # each empty paragraph matched one by one: over 1,000 searches
    assert "<ins>+ &lt;p&gt;Q.&lt;/p&gt;</ins>" in response.content.decode()
