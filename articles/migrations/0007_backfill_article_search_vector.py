"""Fill the search vector of the stories that exist already (PostgreSQL only; a no-op on SQLite)."""
from django.db import migrations


def backfill(apps, schema_editor):
    from articles.search import search_vector_refresh

    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    search_vector_refresh(Article.objects.using(schema_editor.connection.alias).all(), tagged_item_model=TaggedItem)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0006_add_article_search_vector"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
