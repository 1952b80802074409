"""@mentions of colleagues whose logins are Turkish (found hunting language defects): Django accepts any Unicode
letter in a username, and the note's @name is written as the login is."""
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
