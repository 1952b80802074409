"""Tags whose names taggit could not slug (punctuation or symbols alone: "---", "🌊") were saved with an empty
slug, which no tag page can have: give them the slug articles.tag_input.slug_every_tag now gives new ones."""
import hashlib

from django.db import migrations


def slug_them(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = "tag-" + hashlib.md5(tag.name.encode(), usedforsecurity=False).hexdigest()[:10]
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_move_articlephoto_from_photos"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(slug_them, migrations.RunPython.noop)]
