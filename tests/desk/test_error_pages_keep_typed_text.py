"""A save the database fails mid-way (a lock waited on too long, a deadlock, an outage), or that meets a bug, answers
the error page with what was typed in it, to copy: before, the page said "back shortly" (or "something went wrong")
and the journalist's words were gone."""
import threading

import pytest
from django.db import connection, transaction
from django.test import Client

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import in_thread

from .helpers import change_url, edit_form

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # the colleague's lock is committed apart
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a lock timeout is PostgreSQL's"),
]


def test_a_save_whose_lock_wait_times_out_gives_back_what_was_typed():
    story = ArticleFactory(headline="Ferry strike enters third day", body="<p>Old text.</p>")
    journalist = Client()
    journalist.force_login(UserFactory(username="writer", role="Editor"))
    typed = edit_form(story, body="<p>Talks resume at noon, the union says.</p>", standfirst="Talks resume")
    held, release, outcome = threading.Event(), threading.Event(), {}

    def hold_the_story():  # another request holds the story's row (a long save, a stuck transaction)
        with transaction.atomic():
            list(Article.objects.select_for_update().filter(pk=story.pk))
            held.set()
            release.wait(10)

    holding = in_thread(hold_the_story, outcome)
    held.wait(10)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '300ms'")  # this request's connection gives up waiting: a real error
    try:
        response = journalist.post(change_url(story), typed)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
        release.set()
        holding.join()

    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "Your save may not have gone through" in page
    assert "&lt;p&gt;Talks resume at noon, the union says.&lt;/p&gt;</textarea>" in page
    assert ">Talks resume</textarea>" in page
    assert "csrfmiddlewaretoken" not in page and "version" not in page
    assert Article.objects.get(pk=story.pk).body == "<p>Old text.</p>"  # and nothing was saved



@pytest.mark.urls("tests.security.urls")
def test_a_post_that_meets_a_bug_gives_back_what_was_typed_but_no_password():
    """A save that met a bug (the 500 page) lost the words as the outage did."""
    writer = Client(raise_request_exception=False)
    response = writer.post("/boom/", {"body": "<p>Talks resume at noon.</p>", "new_password1": "s3cret-typed"})
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page and "Your save may not have gone through" in page
    assert "&lt;p&gt;Talks resume at noon.&lt;/p&gt;</textarea>" in page
    assert "s3cret-typed" not in page

