from django.conf import settings
from django.db import models


def person_foreign_key(verbose_name, **options) -> models.ForeignKey:
    """A foreign key to the person who did something to the row: wrote it, moved it, uploaded it, resolved it.

    The row outlives their account (SET_NULL, so the column is nullable), and the user model gets no reverse
    accessor (related_name "+"): nothing asks a person for everything they touched. `options`: blank,
    editable, as the model needs.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=verbose_name, null=True, on_delete=models.SET_NULL, related_name="+",
        **options,
    )
