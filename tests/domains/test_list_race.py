"""The domains' list saved while a colleague changes one of its rows: the colleague waits, and nothing is undone."""
import pytest
from django.db import connection
from django.urls import reverse

from domains.models import Domain
from domains.services import domain_save
from security.stale_forms import SeenRowForm
from tests.factories import PRIMARY, UserFactory
from tests.helpers import in_thread, list_edited, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]

CHANGELIST = reverse("admin:domains_domain_changelist")


def make_primary(*, pk, by):
    domain = Domain.objects.get(pk=pk)
    domain.is_primary = True
    domain_save(domain=domain, by=by)


def test_a_new_primary_a_colleague_commits_while_the_list_is_saved_is_not_undone(admin_client, mirrors, monkeypatch):
    """The list read its rows, then checked them: a colleague who made mirror2 primary in between was undone by the
    list's save of the old primary's whole row (moved in the list; still primary, as read), which demoted mirror2.
    The rows are now locked as they are read: the colleague waits for the list's save, then goes through."""
    admin_client.defaults["HTTP_HOST"] = PRIMARY
    primary, mirror2 = Domain.objects.get(is_primary=True), Domain.objects.get(hostname="mirror2.newsroom.example")
    page = admin_client.get(CHANGELIST).content.decode()
    colleague, outcome, threads = UserFactory(username="co-admin", is_superuser=True), {}, []
    check = SeenRowForm.refuse_if_changed

    def a_colleague_saves_as_the_first_row_is_checked(form, *args, **kwargs):
        if not threads:
            threads.append(in_thread(make_primary, outcome, pk=mirror2.pk, by=colleague))
            until_a_lock_is_awaited(or_done=threads[0])  # it waits for the list's rows, or (unlocked) commits
        return check(form, *args, **kwargs)

    monkeypatch.setattr(SeenRowForm, "refuse_if_changed", a_colleague_saves_as_the_first_row_is_checked)
    response = admin_client.post(CHANGELIST, list_edited(page, "position", {primary.pk: 4}))  # the old primary moved
    threads[0].join(30)

    assert response.status_code == 302 and outcome == {"done": True}
    assert list(Domain.objects.filter(is_primary=True).values_list("hostname", flat=True)) == [mirror2.hostname]
    assert Domain.objects.get(pk=primary.pk).position == 4
