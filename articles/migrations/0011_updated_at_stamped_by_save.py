"""A story's save stamps `updated_at` itself instead of auto_now, so the save that publishes it now can be
stamped with its publication time (Article.save). Django's record only: the column does not change."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0010_slug_tags_taggit_left_without_one"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="updated_at",
            field=models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
        ),
    ]
