"""Add the stored search vector, and on PostgreSQL its GIN index.

The column is added on every database (SQLite accepts the `tsvector` type name and leaves it NULL), so
the model's fields match the table everywhere. The GIN index exists only on PostgreSQL: it is created
here with SQL when the connection is PostgreSQL and is not declared in Article.Meta.indexes, because
SQLite rebuilds a table on many later schema changes and would then try to create it too.
"""
import django.contrib.postgres.search
from django.db import migrations

INDEX_NAME = "article_search_vector_gin"


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("articles", "Article")._meta.db_table)
    schema_editor.execute(f"CREATE INDEX {INDEX_NAME} ON {table} USING gin (search_vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_add_correction"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True, verbose_name="search vector"),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index, elidable=False),
    ]
