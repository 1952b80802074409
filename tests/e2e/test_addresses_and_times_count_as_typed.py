"""An address, an e-mail, a number or a time typed on the desk is typed text too (static/js/keep-typed.js): leaving the
page warns, and a send after the session ended is held back with it."""
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import AlertFactory, PlatformLinkFactory, UserFactory

from .helpers import answer_dialogs, log_in

pytestmark = pytest.mark.e2e

NEW_ADDRESS = "https://apps.newsroom.example/tv/"


def a_site_admin_at(page, url) -> list:
    admin = UserFactory(username="aylin", first_name="Aylin", last_name="Kaya", is_superuser=True)
    dialogs = answer_dialogs(page, accept=False)
    log_in(page, admin)
    page.goto(url)
    return dialogs


def test_a_platform_links_address_typed_warns_before_it_is_left(page):
    """The TV app moved: the site admin typed its new address, followed a link, and it was gone unasked."""
    link = PlatformLinkFactory()
    dialogs = a_site_admin_at(page, f"/admin/domains/sitesettings/{link.site_id}/change/")
    page.locator("#id_platform_links-0-url").fill(NEW_ADDRESS)
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Home").first.click()
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_platform_links-0-url")).to_have_value(NEW_ADDRESS)


def test_an_email_sent_after_the_session_ended_is_held_back_with_it(page):
    """A colleague's new e-mail address, saved after the session ended, went to the login page and was gone."""
    colleague = UserFactory(username="jonas", first_name="Jonas", last_name="Okafor", email="jonas@old.example")
    dialogs = a_site_admin_at(page, f"/admin/auth/user/{colleague.pk}/change/")
    page.get_by_label("Email address").fill("jonas@newsroom.example")
    Session.objects.all().delete()
    with page.expect_event("dialog", lambda dialog: "no longer logged in" in dialog.message):
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_label("Email address")).to_have_value("jonas@newsroom.example")
    assert re.search(r"/admin/auth/user/\d+/change/$", page.url) and "no longer logged in" in dialogs[-1]
    assert get_user_model().objects.get(pk=colleague.pk).email == "jonas@old.example"


def test_an_alerts_expiry_typed_warns_before_it_is_left(page, desk_user):
    """The story's banner is to stay up till the evening: the editor typed the new expiry, followed a link, and it
    was gone unasked. Times are typed in the desk's date-and-time boxes, which did not count as typed."""
    editor = desk_user("elif", "Editor", first_name="Elif", last_name="Demir")
    alert = AlertFactory()
    dialogs = answer_dialogs(page, accept=False)
    log_in(page, editor)
    page.goto(f"/admin/live/alert/{alert.pk}/change/")
    later = timezone.localtime(alert.expires_at + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S")
    page.locator("#id_expires_at").fill(later)
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Home").first.click()
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_expires_at")).to_have_value(later)
