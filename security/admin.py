"""People on the desk: Django's own admin for them, with a colleague's save told rather than undone (`seen`)."""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .stale_forms import SeenAdmin


class PersonAdmin(SeenAdmin, UserAdmin):
    seen_fields = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser", "groups"]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), PersonAdmin)
