"""People on the desk: Django's own admin for them, with a colleague's save told rather than undone (`seen`)."""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm

from people.locks import lock_showing

from .stale_forms import SeenAdmin, SeenChecked


class PersonForm(SeenChecked, UserChangeForm):
    """`seen` over what the page edits, the person's own permissions included (beside the groups): a permission a
    colleague granted since the page was opened is told, not taken away. The password the page shows but never
    changes is the one stored now, read under the row's lock: a new one set while this save waited for it stays
    (the admin's first read of the row held the old hash), and so is her last login, which her logins set."""

    seen_fields = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser", "groups",
                   "user_permissions"]

    def clean(self):
        lock_showing(self.instance)  # before the row's lock, which super().clean() takes (people/locks.py says why)
        cleaned = super().clean()
        if self.instance.pk:
            # What the page carries but never changes, as stored now (locked): her password, her last login.
            stored = self.stored_row()
            self.instance.last_login = stored.last_login
            if "password" in cleaned:
                cleaned["password"] = stored.password
        return cleaned


class PersonAdmin(SeenAdmin, UserAdmin):
    form = PersonForm  # a SeenForm already: SeenAdmin adds `seen` to the page and the text given back when deleted
    seen_fields = PersonForm.seen_fields
    readonly_fields = ["last_login"]  # her logins set it: a page opened before one put the old time back

    def delete_model(self, request, obj):
        lock_showing(obj)  # as her form does: what shows her first, then her row (people/locks.py)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for person in queryset.order_by("pk"):
            lock_showing(person)
        super().delete_queryset(request, queryset)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), PersonAdmin)
