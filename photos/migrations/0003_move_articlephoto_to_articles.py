"""ArticlePhoto now lives in articles (articles/migrations/0009): forget it here, keep its table."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0002_add_photo_permissions_to_roles"),
        ("articles", "0009_move_articlephoto_from_photos"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ArticlePhoto")],
            database_operations=[],
        ),
    ]
