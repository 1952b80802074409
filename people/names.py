"""One way to name a person: bylines, the desk's records, the pickers, the notes and the API."""
import unicodedata

from django.contrib import admin


def person_name(user) -> str:
    """A person as the newsroom names them: the full name, else the username."""
    return user.get_full_name() or user.get_username()


def in_name_order(name: str) -> tuple[str, str]:
    """A sort key putting names by their letters without marks ("Çağla" among the C's, "Özlem" among the O's), not
    by code point, which put them after "Zeynep". Not a language's own order (Turkish puts Ç after all the C's)."""
    bare = "".join(mark for mark in unicodedata.normalize("NFD", name) if not unicodedata.combining(mark))
    return bare.casefold(), name.casefold()


def person_field(field: str, label):
    """A record's person (`created_by`, `uploaded_by`…) as an admin read-only field or column: their name, not
    Django's link to the user admin, which only site admins may open."""
    @admin.display(description=label, ordering=field)
    def show(self, obj):
        person = getattr(obj, field)
        return person_name(person) if person else "—"
    return show
