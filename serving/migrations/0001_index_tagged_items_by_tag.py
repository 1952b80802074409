"""Index taggit's tagged items by tag, then object: a tag page reads its stories' ids from the index alone.

taggit indexes (content_type, object_id) and tag alone; listing a tag's stories (Article.objects.with_tag)
needs the object ids for one tag, which this index answers without touching the table. Plain SQL that
PostgreSQL and SQLite both accept, since the table belongs to taggit.
"""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS taggeditem_tag_object_idx ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            reverse_sql="DROP INDEX IF EXISTS taggeditem_tag_object_idx",
        ),
    ]
