"""Two editors move two sections at the same moment, one under the other and the other under the first: the tree
must not close into a cycle (News > World > News), which takes both off the masthead and the front page, and the
second move is refused on its form, not by the database."""
import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Section
from tests.factories import SectionFactory, UserFactory
from tests.helpers import browser_of, form_values, in_thread, until_a_lock_is_awaited

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # two connections, each committing
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time: no race"),
]


def moved_under(browser, section, parent):
    change = reverse("admin:articles_section_change", args=[section.pk])
    return browser.post(change, form_values(browser.get(change).text, parent=str(parent.pk)))


def test_two_sections_moved_under_each_other_at_once_never_make_a_cycle(monkeypatch):
    """Each move checked the tree without the other's, and their saves deadlocked on each other's row at commit:
    PostgreSQL killed one, and that editor got the outage page (503) instead of the form's reason."""
    news, world = SectionFactory(name="News", slug="news"), SectionFactory(name="World", slug="world")
    one, other = (browser_of(UserFactory(username=name, role="Editor")) for name in ("ed-one", "ed-two"))
    save, threads, outcome = Section.save, [], {}

    def a_colleague_moves_world_as_news_is_saved(section, *args, **kwargs):
        if section.pk == news.pk and not threads:  # News checked under World; its save not yet committed
            threads.append(in_thread(lambda: outcome.update(response=moved_under(other, world, news)), outcome))
            until_a_lock_is_awaited(or_done=threads[0])  # it waits for this save, or (unlocked) commits before it
        return save(section, *args, **kwargs)

    monkeypatch.setattr(Section, "save", a_colleague_moves_world_as_news_is_saved)
    first = moved_under(one, news, world)
    threads[0].join(30)

    parents = dict(Section.objects.values_list("slug", "parent__slug"))
    assert parents != {"news": "world", "world": "news"}, "News > World > News: a cycle"
    assert first.status_code == 302 and parents["news"] == "world"
    assert outcome["response"].status_code == 200  # the colleague's move is refused on its form, which comes back
    assert "cannot be placed under itself" in outcome["response"].text
