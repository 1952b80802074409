"""A section's form on the desk opened before a colleague's save is refused with its text kept, not saved over
that save; saved again once told, it goes through. Deleted meanwhile, its text comes back to copy. The same for
the positions typed in the sections' list."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Section
from tests.factories import SectionFactory, UserFactory
from tests.helpers import browser_of, form_values, list_edited, opened_before_a_colleagues_save

pytestmark = pytest.mark.django_db


def test_a_section_saved_from_an_older_page_does_not_drop_a_colleagues_description(editor_client):
    """One editor rewrites the description; another, from the page opened before, renames the section: that save
    is told of the new description and keeps the name typed, and saved again it goes through with both."""
    section = SectionFactory(slug="politics", name="Politics", description="Parliament and government.")
    change = reverse("admin:articles_section_change", args=[section.pk])
    page = opened_before_a_colleagues_save(editor_client, change, browser_of(UserFactory(username="co-editor", role="Editor")),
                                           description="Parliament, government and the courts.")

    response = editor_client.post(change, form_values(page, name="Politics and power"))
    section.refresh_from_db()
    assert response.status_code == 200
    assert (section.name, section.description) == ("Politics", "Parliament, government and the courts.")
    refused = response.content.decode()
    assert "This section was changed while you were editing it" in refused
    assert "description: “Parliament, government and the courts.”" in refused  # the colleague's change, named
    assert 'value="Politics and power"' in refused  # what was typed, kept

    again = editor_client.post(change, form_values(refused, description="Parliament, government and the courts."))
    section.refresh_from_db()
    assert again.status_code == 302
    assert (section.name, section.description) == ("Politics and power", "Parliament, government and the courts.")


def test_an_unchanged_section_saves_as_before(editor_client):
    section = SectionFactory(slug="politics", name="Politics")
    change = reverse("admin:articles_section_change", args=[section.pk])
    response = editor_client.post(change, form_values(editor_client.get(change).content.decode(), description="Who governs."))
    section.refresh_from_db()
    assert response.status_code == 302 and section.description == "Who governs."


def test_saving_a_section_deleted_meanwhile_gives_back_the_name_and_description_typed(editor_client):
    """A site admin deleted it while an editor rewrote it: Django's redirect to the desk's home dropped the text."""
    section = SectionFactory(slug="politics", name="Politics")
    change = reverse("admin:articles_section_change", args=[section.pk])
    page = editor_client.get(change).content.decode()
    site_admin = browser_of(UserFactory(username="site-admin", is_superuser=True))
    assert site_admin.post(reverse("admin:articles_section_delete", args=[section.pk]), {"post": "yes"}).status_code == 302

    typed = form_values(page, name="Politics and power", description="Parliament, government and the courts.")
    response = editor_client.post(change, typed)
    assert response.status_code == 404  # the shared "nothing was saved" page (security/refusals.py), not a redirect
    content = response.content.decode()
    assert "Nothing was saved" in content
    assert ">Politics and power</textarea>" in content and ">Parliament, government and the courts.</textarea>" in content
    assert not Section.objects.exists()


def test_a_journalists_post_for_a_missing_section_is_still_refused(journalist_client):
    response = journalist_client.post(reverse("admin:articles_section_change", args=[987654]), {"name": "Typed"})
    assert response.status_code == 403


CHANGELIST = reverse("admin:articles_section_changelist")


def positions() -> dict:
    return dict(Section.objects.values_list("slug", "position"))


def list_saved(page: str, **typed) -> dict:
    """The sections' list on `page` saved with the positions `typed` (by slug)."""
    return list_edited(page, "position", {Section.objects.get(slug=slug).pk: position for slug, position in typed.items()})


def typed_in_rows(page: str) -> dict:
    """Each row of the list on `page` by the name it shows, with the position in its box."""
    rows = re.findall(r'<th class="field-name"><a [^>]*>([^<]*)</a>.*?name="form-\d+-position" value="(\d*)"', page)
    return dict(rows)


@pytest.fixture
def three_sections(db):
    return [SectionFactory(slug=slug, name=slug.title(), position=position)
            for position, slug in enumerate(["news", "sport", "culture"], start=1)]


def test_the_list_saved_from_an_older_page_does_not_put_back_a_colleagues_positions(editor_client, three_sections):
    """A colleague moved Culture to the top from the list; another editor, from the list opened before, moves
    Sport down: that save is refused on Culture's row, naming its position now, with each position typed kept in
    its own row (the list, sorted by position, now has another order); nothing is saved. Saved again once told,
    it goes through."""
    page = editor_client.get(CHANGELIST).content.decode()
    colleague = browser_of(UserFactory(username="co-editor", role="Editor"))
    assert colleague.post(CHANGELIST, list_saved(colleague.get(CHANGELIST).content.decode(), culture=0)).status_code == 302

    response = editor_client.post(CHANGELIST, list_saved(page, sport=5))
    assert response.status_code == 200
    assert positions() == {"news": 1, "sport": 2, "culture": 0}  # the colleague's, kept
    refused = response.content.decode()
    assert "The section “Culture” was changed while you were editing it: nothing was saved" in refused
    assert "It now says: position: “0”." in refused
    assert typed_in_rows(refused) == {"News": "1", "Sport": "5", "Culture": "3"}

    again = editor_client.post(CHANGELIST, list_saved(refused, culture=0))
    assert again.status_code == 302
    assert positions() == {"news": 1, "sport": 5, "culture": 0}


def test_the_list_saved_from_an_older_page_after_a_rename_names_the_section_as_it_is_now(editor_client, three_sections):
    """The rows were moved by the names they showed: a section renamed meanwhile is told too."""
    page = editor_client.get(CHANGELIST).content.decode()
    Section.objects.filter(slug="sport").update(name="Sports")
    response = editor_client.post(CHANGELIST, list_saved(page, news=4))
    refused = response.content.decode()
    assert response.status_code == 200 and positions() == {"news": 1, "sport": 2, "culture": 3}
    assert "The section “Sports” was changed while you were editing it" in refused and "name: “Sports”" in refused


def test_the_list_saved_with_unchanged_rows_saves_as_before(editor_client, three_sections):
    response = editor_client.post(CHANGELIST, list_saved(editor_client.get(CHANGELIST).content.decode(), news=7))
    assert response.status_code == 302 and positions() == {"news": 7, "sport": 2, "culture": 3}


def test_the_list_saved_after_a_section_was_added_or_deleted_meanwhile(editor_client, three_sections):
    """Added: not on the page, so left as it is. Deleted: its row says so, and nothing is saved."""
    page = editor_client.get(CHANGELIST).content.decode()
    SectionFactory(slug="weather", name="Weather", position=0)
    response = editor_client.post(CHANGELIST, list_saved(page, news=4))
    assert response.status_code == 302 and positions() == {"news": 4, "sport": 2, "culture": 3, "weather": 0}

    typed = list_saved(editor_client.get(CHANGELIST).content.decode(), sport=6)
    Section.objects.filter(slug="weather").delete()
    response = editor_client.post(CHANGELIST, typed)
    assert response.status_code == 200 and positions() == {"news": 4, "sport": 2, "culture": 3}
    assert "This section was deleted while you were editing it: nothing was saved" in response.content.decode()
    assert "/None/" not in response.content.decode()  # its row links to where it was, not to a section "None"


def test_the_refused_list_reads_each_rows_parent_with_the_rows(editor_client):
    """Shown again as posted, the rows come with their parents (the list's column), not with one query each."""
    news = SectionFactory(slug="news", name="News", position=1)
    for slug in ["politics", "world", "business", "science"]:
        SectionFactory(slug=slug, name=slug.title(), parent=news)
    page = editor_client.get(CHANGELIST).content.decode()
    Section.objects.filter(slug="news").update(position=9)  # a colleague's move: the list is refused
    with CaptureQueriesContext(connection) as captured:
        response = editor_client.post(CHANGELIST, list_saved(page, politics=4))
    refused = response.content.decode()
    assert response.status_code == 200 and "The section “News” was changed while you were editing it" in refused
    assert sorted(re.findall(r'<td class="field-parent[^"]*">([^<]*)</td>', refused)) == ["-"] + ["News"] * 4
    news_alone = [query for query in captured if re.search(rf'WHERE "articles_section"."id" = {news.pk}\b', query["sql"])]
    assert len(news_alone) == 1, "read once, as its own row is checked; never once per child"
