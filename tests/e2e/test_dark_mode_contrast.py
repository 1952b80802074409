"""The desk in its dark theme (the admin follows the system's, or its own toggle): the newsroom's own colours
stay readable, at least 4.5:1 (WCAG 1.4.3)."""
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from tests.desk.helpers import change_url, edit_form
from tests.factories import ArticleFactory, AssignmentFactory

from .helpers import log_in

pytestmark = pytest.mark.e2e

# The contrast of each element's text with the first background behind it that is not transparent.
CONTRASTS = """(selector) => [...document.querySelectorAll(selector)].map((element) => {
  const rgb = (css) => css.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  let behind = element;
  while (behind && (rgb(getComputedStyle(behind).backgroundColor)[3] === 0)) {
    behind = behind.parentElement;
  }
  const text = luminance(rgb(getComputedStyle(element).color));
  const back = luminance(rgb(behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)"));
  return Math.round(((Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05)) * 100) / 100;
})"""


def contrasts(page, selector):
    found = page.evaluate(CONTRASTS, selector)
    assert found, f"nothing matches {selector}"
    return found


def test_late_and_no_art_flags_and_diff_lines_are_readable_in_the_dark_theme(new_context, desk_user):
    """On the planning board the "Late" and "No art" flags, and on a comparison of revisions the removed and
    added lines, have a contrast of at least 4.5:1 with what is behind them when the desk is dark."""
    editor = desk_user("elif", "Editor")
    AssignmentFactory(due_at=timezone.now() - timedelta(minutes=1))  # late, and needs a photo it has not got
    article = ArticleFactory(status="review", headline="Before")
    client = Client()
    client.force_login(editor)
    client.post(change_url(article), edit_form(article))
    client.post(change_url(article), edit_form(article, headline="After"))
    newer, older = Version.objects.get_for_object(article)[:2]
    page = new_context(color_scheme="dark").new_page()
    log_in(page, editor)

    page.goto(reverse("admin:planning_assignment_board"))
    for selector in (".flag-late", ".flag-no-art"):
        assert min(contrasts(page, selector)) >= 4.5, selector

    page.goto(f"{reverse('admin:articles_article_compare', args=[article.pk])}?a={older.pk}&b={newer.pk}")
    for selector in (".desk-diff .removed del", ".desk-diff .added ins"):
        assert min(contrasts(page, selector)) >= 4.5, selector
