"""A person's page saved over a colleague's change it does not check: a permission granted to the person alone
(`user_permissions`, beside the groups), and a new password set while the page's save waited for the row.

PersonAdmin's `seen` covers the names, the flags and the groups, not the person's own permissions, which the same
page edits: a save from a page opened before a colleague granted one took it away again, silently. And the page's
form carries the password hash as a read-only field, read with the row before the save waits for its lock: a
password set meanwhile (a leak: the account is locked out by a new one) was put back to the old hash."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers import browser_of, form_values, in_thread, until_a_lock_is_awaited

SITE_ADMIN = {"is_superuser": True}


def person_page(browser, person) -> tuple[str, dict]:
    change = reverse("admin:auth_user_change", args=[person.pk])
    values = form_values(browser.get(change).content.decode())
    # A multiple select with nothing chosen posts nothing (the helper takes a select's first option instead).
    for name, chosen in (("groups", person.groups.all()), ("user_permissions", person.user_permissions.all())):
        values.pop(name, None)
        if chosen:
            values[name] = [str(row.pk) for row in chosen]
    return change, values


@pytest.mark.django_db
def test_a_save_from_a_page_opened_before_a_colleague_granted_a_permission_does_not_take_it_away():
    person = UserFactory(username="elif", first_name="Elif", last_name="Demir", role="Editor")
    report = Permission.objects.get(codename="view_credit_report")
    first, colleague = browser_of(UserFactory(username="admin-one", **SITE_ADMIN)), browser_of(UserFactory(username="admin-two", **SITE_ADMIN))
    change, opened = person_page(first, person)  # opened before the colleague's save

    _change, theirs = person_page(colleague, person)
    assert colleague.post(change, {**theirs, "user_permissions": [str(report.pk)]}).status_code == 302  # the report, to her alone
    assert get_user_model().objects.get(pk=person.pk).has_perm("photos.view_credit_report")

    response = first.post(change, {**opened, "email": "elif.demir@newsroom.example"})

    assert list(get_user_model().objects.get(pk=person.pk).user_permissions.all()) == [report]  # not taken away
    assert response.status_code == 200  # refused, with what was typed
    refused = response.content.decode()
    assert "was changed while you were editing it" in refused and 'value="elif.demir@newsroom.example"' in refused


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # two connections, each committing
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race")
def test_a_persons_page_saved_while_a_colleague_sets_a_new_password_keeps_the_new_password():
    person = UserFactory(username="elif", first_name="Elif", last_name="Demir", role="Editor")
    person.set_password("the old leaked password 1")
    person.save()
    first, colleague = browser_of(UserFactory(username="admin-one", **SITE_ADMIN)), browser_of(UserFactory(username="admin-two", **SITE_ADMIN))
    change, opened = person_page(first, person)
    outcome = {}

    def save_the_page():
        outcome["response"] = first.post(change, {**opened, "email": "elif.demir@newsroom.example"})

    new = "a brand new passphrase for elif 7"
    with transaction.atomic():  # the colleague's new password: its request holds the person's row until it commits
        response = colleague.post(reverse("admin:auth_user_password_change", args=[person.pk]),
                                  {"password1": new, "password2": new, "usable_password": "true"})
        assert response.status_code == 302, response.content.decode()[:2000]
        saving = in_thread(save_the_page, outcome)
        until_a_lock_is_awaited(or_done=saving)  # the page's request has read the person and waits for the lock
    saving.join()

    assert "error" not in outcome, outcome.get("error")
    person.refresh_from_db()
    assert person.check_password(new)  # the new password stands
    assert not person.check_password("the old leaked password 1")  # the leaked one is not back


@pytest.mark.django_db
def test_a_save_from_a_page_opened_before_the_person_logged_in_keeps_her_last_login():
    """The page carries her last login as an editable field: saved from before she logged in, it put the old time
    back (the time her password reset links are checked against, and the desk's record of her last visit)."""
    person = UserFactory(username="elif", first_name="Elif", last_name="Demir", role="Editor")
    person.set_password("elif's passphrase 2027")
    person.save()
    first = browser_of(UserFactory(username="admin-one", **SITE_ADMIN))
    change, opened = person_page(first, person)  # opened before she logs in

    from django.test import Client
    assert Client().login(username="elif", password="elif's passphrase 2027")  # she logs in meanwhile
    logged_in = get_user_model().objects.get(pk=person.pk).last_login
    assert logged_in is not None

    first.post(change, {**opened, "email": "elif.demir@newsroom.example"})

    assert get_user_model().objects.get(pk=person.pk).last_login == logged_in  # not put back
