"""The error pages' typed-back text (security.refusals.typed_back): only a post that passed the CSRF check gets its
text back, a post the error page cannot read still gets the error page, and a database failure met after the view (a
middleware: the session's save) gives the text back as one met in the view does. Each test names the mutation of
typed_back or server_error it catches."""
import pytest
from django.contrib.auth import backends
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]


def test_a_post_that_never_passed_the_csrf_check_gets_none_of_its_text_back():
    """A cross-site form posting to an exempt view that fails: the error page shows none of what it posted.
    Catches dropping `or not getattr(request, "csrf_processing_done", False)` from typed_back."""
    response = Client(raise_request_exception=False).post(
        "/boom-unchecked/", {"body": "Text another site posted here"})
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "Your save may not have gone through" not in page and "Text another site posted here" not in page


@pytest.mark.parametrize("post", ["unparseable multipart", "too big"])
def test_a_post_the_error_page_cannot_read_still_gets_the_error_page(settings, post):
    """The 500 page reads the post only to give it back: a body Django refuses to parse (a multipart upload with no
    boundary, a post over DATA_UPLOAD_MAX_MEMORY_SIZE) leaves the page without the text, not without the page.
    Catches dropping typed_back's `except (SuspiciousOperation, MultiPartParserError, ...)`: the handler500 itself
    raised, and the browser got the server's bare 500."""
    client = Client(raise_request_exception=False)
    if post == "too big":
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        response = client.post("/boom/", {"body": "x" * 5000})
    else:
        response = client.post("/boom/", b"--x\r\nnot a form", content_type="multipart/form-data")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page and "Your save may not have gone through" not in page


def test_a_database_failure_met_after_the_view_gives_the_text_back_too():
    """An outage met by a middleware after the view (handler500's 503 branch, not the middleware's process_exception):
    the 503 page with what was typed, no password. Catches `return database_unavailable()` in server_error."""
    response = Client(raise_request_exception=False).post(
        "/boom-after/", {"body": "<p>Talks resume at noon.</p>", "password": "s3cret-typed"})
    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "Your save may not have gone through" in page and "&lt;p&gt;Talks resume at noon.&lt;/p&gt;</textarea>" in page
    assert "s3cret-typed" not in page


def test_a_login_that_meets_the_outage_gives_back_the_name_but_never_the_password(monkeypatch):
    """The login page's post, the database gone as it checks the password: the 503 page names the account typed,
    never the password."""
    def gone(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(backends.ModelBackend, "authenticate", gone)
    client = Client(raise_request_exception=False)
    response = client.post(reverse("admin:login"), {"username": "journalist", "password": "correct horse battery"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "journalist" in page and "correct horse battery" not in page
