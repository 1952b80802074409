"""One way to name a person: bylines, the desk's records, the pickers, the notes and the API."""
from django.contrib import admin


def person_name(user) -> str:
    """A person as the newsroom names them: the full name, else the username."""
    return user.get_full_name() or user.get_username()


def person_field(field: str, label):
    """A record's person (`created_by`, `uploaded_by`…) as an admin read-only field or column: their name, not
    Django's link to the user admin, which only site admins may open."""
    @admin.display(description=label, ordering=field)
    def show(self, obj):
        person = getattr(obj, field)
        return person_name(person) if person else "—"
    return show
