"""How an @name finds its login or desk: logins in any script (Django accepts any Unicode letter in a username,
and the note's @name is written as the login is), desks' slugs with capitals, a login of a desk's name."""
import pytest
from django.db import connection

from notes.models import NoteMention
from notes.services import note_add
from tests.factories import ArticleFactory, SectionFactory, UserFactory

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-only: PostgreSQL's UPPER() folds non-ASCII")


@pytest.fixture
def editor(db):
    return UserFactory(username="ed", role="Editor")


def mentioned(note):
    return [mention.user.username for mention in NoteMention.objects.filter(note=note, user__isnull=False)]


@pytest.mark.django_db
def test_a_login_starting_with_a_dotted_capital_i_is_mentioned_when_written_as_it_is(editor):
    """"@İlker" names the editor whose login is "İlker". Lowered in Python first ("İ".lower() is "i" + U+0307, two
    characters), the name matched no login and nobody was told. Both databases."""
    ilker = UserFactory(username="İlker", role="Editor")
    note = note_add(article=ArticleFactory(section=SectionFactory(slug="world")), by=editor, text="@İlker please check the quote")
    assert mentioned(note) == [ilker.username]


@pytest.mark.django_db
@sqlite_only
def test_a_login_with_a_turkish_capital_is_mentioned_when_written_as_it_is_on_sqlite(editor):
    """SQLite only: "@Şahin" names the editor "Şahin", written as the login is. Lowered in Python ("şahin") and
    compared by SQLite's LIKE, which folds ASCII only, it told nobody."""
    sahin = UserFactory(username="Şahin", role="Editor")
    note = note_add(article=ArticleFactory(section=SectionFactory(slug="world")), by=editor, text="@Şahin please check")
    assert mentioned(note) == [sahin.username]


@pytest.mark.django_db
def test_a_desk_whose_slug_holds_capitals_is_mentioned_as_people_are(editor):
    """A section's slug may hold capitals ("Politics"): "@politics" compared with it as typed lowered matched no
    desk, and nobody on it was told."""
    desk = SectionFactory(slug="Politics")
    note = note_add(article=ArticleFactory(section=desk), by=editor, text="@politics heads up")
    assert [mention.desk for mention in NoteMention.objects.filter(note=note)] == [desk]


@pytest.mark.django_db
def test_a_login_that_may_not_read_the_notes_does_not_swallow_the_desk_of_that_name(editor):
    """A journalist whose login is "politics" and who does not write the story is not told (the notes are not
    theirs to read): the desk "politics" still is, where before the name was dropped and nobody heard."""
    UserFactory(username="politics", role="Journalist")
    desk = SectionFactory(slug="politics")
    note = note_add(article=ArticleFactory(section=desk), by=editor, text="@politics heads up")
    assert [(mention.user, mention.desk) for mention in NoteMention.objects.filter(note=note)] == [(None, desk)]
