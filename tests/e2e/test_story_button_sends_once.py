"""A second press of a story form's button while the form asks the server whether it may save (a slow server:
nothing seems to happen) sends the story once, as the desk's other forms do (static/js/keep-typed.js)."""
import threading

import pytest
from playwright.sync_api import expect

import desk.admin.autosave
from articles.models import Article

from .helpers import answer_dialogs, log_in
from .stories import story

pytestmark = pytest.mark.e2e


def test_a_second_press_of_submit_for_review_while_the_server_is_asked_sends_the_story_once(page, desk_user, monkeypatch):
    """Each press asked and then sent: the story went twice, and the second save met the first as a colleague's."""
    pressed_twice, asked = threading.Event(), []
    answer = desk.admin.autosave.JsonResponse

    def slow_answer(*args, **kwargs):
        asked.append(1)
        if len(asked) == 1:  # the first question is slow: the second press comes meanwhile
            pressed_twice.wait(10)
        return answer(*args, **kwargs)

    journalist = desk_user("jonas", "Journalist", first_name="Jonas", last_name="Okafor")
    article = story(journalist=journalist)
    answer_dialogs(page)
    log_in(page, journalist)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    monkeypatch.setattr(desk.admin.autosave, "JsonResponse", slow_answer)
    page.get_by_label("Headline").fill("Envoys quit Ankara talks")
    posts = []
    page.on("request", lambda request: request.method == "POST" and "/autosave/" not in request.url and posts.append(request.url))
    button = page.get_by_role("button", name="Submit for review")
    with page.expect_request(lambda request: request.method == "GET" and "/autosave/" in request.url):
        button.click(no_wait_after=True)
    button.click(no_wait_after=True)
    pressed_twice.set()
    expect(page.locator(".messagelist")).to_contain_text("is saved and with the editors")
    assert len(posts) == 1, posts
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
