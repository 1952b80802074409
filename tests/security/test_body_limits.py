"""Hostile bodies cost a bounded amount of work: refused before the sanitiser, in linear time, on one worker."""
import re
import socket
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles import html as article_html
from articles.models import article as article_models
from articles.models import Article
from tests.factories import EMPTY_INLINES, SectionFactory, UserFactory
from tests.security.servers import fetch, gunicorn

ADD_URL = reverse("admin:articles_article_add")
TWO_MEGABYTES_DEEP = "<div>" * 200_000 + "x" + "</div>" * 200_000
# Within the 200 KB cap, shaped to make a backtracking tag pattern take minutes.
ADVERSARIAL = {
    "unclosed tags": "<a" * 100_000,
    "one endless tag name": "<" + "a" * 200_000,
    "one endless attribute list": "<a " + "x" * 200_000,
    "unclosed quotes": '<a title="' * 20_000,
    "closing slashes": "</" * 100_000,
}


class Counter:
    def __init__(self):
        self.calls = 0
        self.tags_examined = 0


@pytest.fixture
def count(monkeypatch):
    """Count sanitiser calls, and how many tags the depth check looks at before it gives up."""
    counter = Counter()
    sanitize = article_models.sanitize_body_html

    def counting_sanitize(html):
        counter.calls += 1
        return sanitize(html)

    real_pattern = article_html.TAG_RE

    class CountingPattern:
        def finditer(self, text):
            for match in real_pattern.finditer(text):
                counter.tags_examined += 1
                yield match

    monkeypatch.setattr(article_models, "sanitize_body_html", counting_sanitize)
    monkeypatch.setattr(article_html, "TAG_RE", CountingPattern())
    return counter


def post(client, body):
    return client.post(ADD_URL, {
        "headline": "Hostile", "slug": "hostile", "section": SectionFactory().pk, "body": body, "status": "draft",
        **EMPTY_INLINES,
    })


@pytest.mark.django_db
def test_oversized_body_never_reaches_the_sanitiser_or_the_depth_check(editor_client, count):
    """2 MB is refused on its length alone: no tag is examined and nothing is sanitised."""
    response = post(editor_client, TWO_MEGABYTES_DEEP)
    assert "the limit is 200 KB" in response.content.decode()
    assert (count.calls, count.tags_examined) == (0, 0)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_two_megabyte_body_posted_as_an_ordinary_form_gets_the_form_error(editor_client):
    """The desk's form posts urlencoded (4 MB on the wire for this body): the editor still gets the
    article form's message, not Django's bare "request too large" 400."""
    data = {
        "headline": "Hostile", "slug": "hostile", "section": SectionFactory().pk, "body": TWO_MEGABYTES_DEEP,
        "status": "draft", **EMPTY_INLINES,
    }
    response = editor_client.post(ADD_URL, urlencode(data), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "the limit is 200 KB" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_deep_body_under_the_cap_is_refused_after_limit_plus_one_tags(editor_client, count, settings):
    """The depth check stops at the 41st nested tag of 60,000, and the sanitiser never runs."""
    response = post(editor_client, "<b>" * 60_000)
    assert "nests more than 40 levels deep" in response.content.decode()
    assert count.tags_examined == settings.ARTICLE_BODY_MAX_DEPTH + 1
    assert count.calls == 0


@pytest.mark.parametrize("shape", ADVERSARIAL)
def test_depth_check_is_linear_on_adversarial_shapes(shape):
    """Each shape is at the size cap; a backtracking pattern would run for minutes on them (see TAG_RE)."""
    body = ADVERSARIAL[shape]
    assert len(body.encode()) <= 200 * 1024
    assert article_html.nesting_depth(body, limit=40) == 0
    # The pattern cannot backtrack: possessive quantifiers, and no "<" inside a tag.
    assert "*+" in article_html.TAG_RE.pattern and not re.search(r"\*\?", article_html.TAG_RE.pattern)


def send_slowly(port, head: bytes, body: bytes):
    """Open a POST and send all but the last KB of its body; return the socket, its worker now waiting."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    sock.sendall(head + body[:-1024])
    return sock


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_megabyte_body_is_refused_while_the_other_worker_keeps_answering(tmp_path, settings):
    """gunicorn with two workers: one holds the 2 MB POST, the other serves the front page; then the form error."""
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn needs a database it can share with the test; run the suite on PostgreSQL.")
    editor = UserFactory(username="big-body-editor", role="Editor")
    section = SectionFactory()
    browser = Client()
    browser.force_login(editor)
    session = browser.cookies["sessionid"].value
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    database_url = f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    # The same key as this process, so the session it signed is valid there.
    with gunicorn(tmp_path, database_url, workers=2, SECRET_KEY=settings.SECRET_KEY) as (port, _log):
        status, headers, form = fetch(port, ADD_URL, headers={"Cookie": f"sessionid={session}"})
        assert status == 200
        csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"])[1]
        csrf_field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        # multipart/form-data, as the test client and a form with a file input send it: a urlencoded 2 MB of
        # markup is 4 MB on the wire, which Django refuses with a 400 (DATA_UPLOAD_MAX_MEMORY_SIZE) first.
        boundary = "newsroom-hardening-boundary"
        fields = {"csrfmiddlewaretoken": csrf_field, "headline": "Nested", "slug": "nested",
                  "section": section.pk, "body": TWO_MEGABYTES_DEEP, "status": "draft"}
        body = "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ).encode() + f"--{boundary}--\r\n".encode()
        head = (
            f"POST {ADD_URL} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: sessionid={session}; csrftoken={csrf_cookie}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        sock = send_slowly(port, head, body)
        try:
            # One worker is now reading our 2 MB; the front page must come from the other.
            assert fetch(port, "/")[0] == 200
            assert fetch(port, "/")[0] == 200
            sock.sendall(body[-1024:])
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        finally:
            sock.close()
    assert answer.startswith(b"HTTP/1.1 200")
    assert b"the limit is 200 KB" in answer
    assert not Article.objects.filter(slug="nested").exists()
