"""When the database is gone readers get a 503 page with Retry-After, and the site recovers by itself."""
import pytest
from django.db import OperationalError, connection
from django.test import Client

from articles.models import SectionQuerySet
from tests.security.servers import TCPProxy, fetch, free_port, gunicorn, json_lines


def assert_outage_page(response_status, headers, content):
    assert response_status == 503
    assert headers["Retry-After"] == "30"
    assert "no-cache" in headers["Cache-Control"] and "max-age=0" in headers["Cache-Control"]
    assert "will be back shortly" in content
    assert "Traceback" not in content and "OperationalError" not in content


def raise_operational_error(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


class DatabaseDownMiddleware:
    """Stands for a middleware that reads the database before the view (a host check, say)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise_operational_error()


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls")
def test_view_losing_the_database_answers_503_without_querying(client, django_assert_num_queries, warm_domains):
    """The outage page itself is built without a single query (the host check reads its warm cache)."""
    with django_assert_num_queries(0):
        response = client.get("/database-gone/")
    assert_outage_page(response.status_code, response, response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("broken", ["view", "context processor"])
def test_front_page_answers_503_when_its_queries_fail(client, monkeypatch, broken):
    """A query failing in the view, or while the template renders, gives the outage page."""
    if broken == "view":
        monkeypatch.setattr(SectionQuerySet, "tree", raise_operational_error)
    else:
        monkeypatch.setattr("articles.context_processors.domain_table", raise_operational_error)
    response = client.get("/")
    assert_outage_page(response.status_code, response, response.content.decode())


@pytest.mark.django_db
def test_middleware_losing_the_database_answers_503(settings):
    """Before the view, handler500 tells a database outage from a bug and answers 503 too."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.security.test_database_unavailable.DatabaseDownMiddleware"]
    response = Client(raise_request_exception=False).get("/")
    assert_outage_page(response.status_code, response, response.content.decode())


def test_gunicorn_with_no_database_answers_503(tmp_path):
    """Production settings, DATABASE_URL on a closed port: the front page and a story are 503, logged once each."""
    closed = free_port()  # nothing listens here
    with gunicorn(tmp_path, f"postgres://newsroom@127.0.0.1:{closed}/newsroom") as (port, log):
        for path in ["/", "/story/1/anything/"]:
            assert_outage_page(*fetch(port, path))
    outages = [entry for entry in json_lines(log) if entry.get("status") == 503]
    assert [entry["path"] for entry in outages] == ["/", "/story/1/anything/"]
    assert all("Connection refused" in entry["exception"] for entry in outages)


@pytest.mark.django_db
def test_gunicorn_recovers_when_the_database_returns(tmp_path):
    """200, database cut, 503, database back, 200: the same gunicorn worker, never restarted."""
    if connection.vendor != "postgresql":
        pytest.skip("Cuts a PostgreSQL connection; run the suite on PostgreSQL.")
    db = connection.settings_dict
    proxy = TCPProxy(target=(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))).start()
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    try:
        with gunicorn(tmp_path, f"postgres://{credentials}@127.0.0.1:{proxy.port}/{db['NAME']}") as (port, log):
            assert fetch(port, "/")[0] == 200
            proxy.stop()
            assert_outage_page(*fetch(port, "/"))
            proxy.start()
            assert fetch(port, "/")[0] == 200
            assert [entry["status"] for entry in json_lines(log) if "status" in entry] == [503]
            workers = {line.rsplit(" ", 1)[-1] for line in log if "Booting worker" in line}
            assert len(workers) == 1, "the worker was restarted"
    finally:
        proxy.stop()
