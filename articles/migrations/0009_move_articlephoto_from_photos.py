"""ArticlePhoto (a photo's use in a story) moves from photos to articles, the app that knows both sides.

Only Django's record of the model moves: the table keeps its name (`photos_articlephoto`, set as
`db_table`), its rows, constraints and foreign keys. The content type moves with it, so its
permissions (`add_articlephoto` …), and the groups that hold them, follow.
"""
import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, source="photos", target="articles"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model="articlephoto").exists():
        ContentType.objects.filter(app_label=source, model="articlephoto").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="articles", target="photos")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_index_listings_for_counts_and_expiry"),
        ("photos", "0002_add_photo_permissions_to_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ArticlePhoto",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("position", models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.", verbose_name="position")),
                        ("caption", models.TextField(blank=True, help_text="Optional: replaces the library caption in this story only. The credit is still added.", max_length=1000, verbose_name="caption for this story")),
                        ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="photo_uses", to="articles.article", verbose_name="article")),
                        ("photo", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="article_uses", to="photos.photo", verbose_name="photo")),
                    ],
                    options={
                        "verbose_name": "photo in the story",
                        "verbose_name_plural": "photos in the story",
                        "db_table": "photos_articlephoto",
                        "ordering": ["position", "pk"],
                        "constraints": [models.UniqueConstraint(fields=("article", "photo"), name="articlephoto_once_per_article")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
