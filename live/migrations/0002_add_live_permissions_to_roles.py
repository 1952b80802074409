"""Let the desk's roles work live (README "Live coverage"): journalists write entries on an open
coverage (edits and deletions of their own entries in review are checked by live/services.py); editors
also open and close coverage and create and end breaking-news alerts."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

ENTRIES = [("live", "add_liveentry"), ("live", "change_liveentry"), ("live", "view_liveentry"), ("live", "view_livecoverage")]
ROLES = {
    "Journalist": ENTRIES,
    "Editor": [
        *ENTRIES, ("live", "delete_liveentry"), ("live", "add_livecoverage"), ("live", "change_livecoverage"),
        *(("live", f"{action}_alert") for action in ("add", "change", "delete", "view")),
    ],
}


def permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return [Permission.objects.get(content_type__app_label=app_label, codename=codename) for app_label, codename in codenames]


def grant(apps, schema_editor):
    # Permissions are normally made by post_migrate, after every migration: make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in ROLES.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("articles", "0002_create_journalist_and_editor_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
