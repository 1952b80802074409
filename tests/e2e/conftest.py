"""Browser tests: Playwright driving Debian's Chromium against the site under pytest-django's live_server.

Run only these with `make test-browser` (README, "Browser tests"). Without Chromium at CHROMIUM_PATH
they are skipped, and pytest's -ra summary says so.
"""
import os
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from tests.factories import UserFactory, role_group

CHROMIUM_PATH = "/usr/bin/chromium"
SKIP_REASON = f"Chromium not found at {CHROMIUM_PATH}: browser tests skipped"
ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts" / "e2e"
# How long an action or an expect() waits: the site answers in milliseconds, but CI machines are shared.
TIMEOUT_MS = 10_000
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
    # The demo domains resolve to the live server, so a page can be opened on a mirror's host name.
    "--host-resolver-rules=MAP newsroom.example 127.0.0.1, MAP *.newsroom.example 127.0.0.1",
]


def pytest_collection_modifyitems(items):
    """Run the browser tests last.

    Playwright's sync API keeps an asyncio loop running in the test thread while the session's browser
    is open, and Django refuses ORM calls in a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE
    is set. Running the browser tests after all others keeps that setting away from the rest of the suite.
    """
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can tell in teardown whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def call_failed(node) -> bool:
    report = getattr(node, "report_call", None)
    return report is not None and report.failed


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run; each test gets its own context (cookies, storage)."""
    if not os.path.exists(CHROMIUM_PATH):
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import expect, sync_playwright  # after the check: only a run with a browser needs it

    expect.set_options(timeout=TIMEOUT_MS)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # see pytest_collection_modifyitems
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous



@pytest.fixture(autouse=True)
def roles(browser, live_server):
    """The live server's database is emptied after each test, groups included: make the roles again."""
    for name in ("Journalist", "Editor"):
        role_group(name)


@pytest.fixture
def new_context(browser, live_server, request):
    """Open browser contexts on the live server (one per user: separate cookies), closed after the test.

    When the test fails, every page still open is saved first, as test-artifacts/e2e/<test>-failure-<n>.png.
    """
    contexts = []

    def open_context(**options):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    if call_failed(request.node):
        pages = [page for context in contexts for page in context.pages if page.url != "about:blank"]
        for number, page in enumerate(pages, start=1):
            save_screenshot(page, request.node, f"failure-{number}")
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def reader(new_context):
    """A reader's page: a context of its own, never logged in to the desk."""
    return new_context().new_page()


def save_screenshot(page, node, name) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w-]+", "-", node.name)
    path = ARTIFACTS / f"{test_name}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot(page, request):
    """Save a full-page PNG of `page` (the test's own by default) as test-artifacts/e2e/<test>-<name>.png."""

    def take(name, of=None):
        return save_screenshot(of or page, request.node, name)

    return take


@pytest.fixture
def server_clock(time_machine):
    """The live server's clock, stopped at the current second: `server_clock(moment)` moves it there.

    The live server is a thread of the test's process, so time-machine moves its clock as it moves the test's
    (the non-browser tests' `clock` fixture). It starts at the real second, not at that fixture's NOON: the
    browser keeps the real clock, and a session cookie made to expire two weeks after NOON would already
    have expired there. The browser's own timers have Playwright's `page.clock`.
    """
    def move_to(moment):
        time_machine.move_to(moment, tick=False)
    move_to(timezone.now().replace(microsecond=0))
    return move_to


@pytest.fixture
def desk_user(transactional_db):
    """Make a desk user of a role, who logs in through the real form with helpers.PASSWORD."""

    def make(username, role, **fields):
        return UserFactory(username=username, role=role, **fields)

    return make
