"""Photos in a column (a story's body photos, a scheduled update's): their rows on the desk's forms."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from security.stale_forms import RowsKeptFormSet


class PhotoRowsFormSet(RowsKeptFormSet):
    """A story's body photos, or a scheduled update's: a row a colleague removed after the form was opened is
    refused once, by name, and put back in the form as a new row with what was typed in it (RowsKeptFormSet)."""

    whose = _("this story")  # what the photos are in, for the refusal
    same_row_field = "photo"

    def clean(self):
        super().clean()
        # (A photo gone from the library too has an error of its own in its row.)
        readded = [self.forms[index].cleaned_data.get("photo") for index in self.removed_meanwhile]
        if readded := [photo for photo in readded if photo is not None]:
            raise ValidationError([
                _(
                    "A colleague took photo “%(photo)s” (no. %(pk)s) out of %(whose)s after you opened it. It is back "
                    "in the form as a new row, with what you typed: delete the row to leave it out, or save again to "
                    "put it back."
                ) % {"photo": photo, "pk": photo.pk, "whose": self.whose}
                for photo in readded
            ], code="removed_meanwhile")
