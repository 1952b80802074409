"""Photos in a column (a story's body photos, a scheduled update's): their rows on the desk's forms."""
from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _


class PhotoRowsFormSet(BaseInlineFormSet):
    """A story's body photos, or a scheduled update's: a row a colleague removed after the form was opened is
    refused once, by name, and put back in the form as a new row with what was typed in it: saved again, the
    photo goes back in; removed, it stays out. Left with its stale id, the row's error sat on a hidden input,
    and every save failed with no reason shown.
    """

    whose = _("this story")  # what the photos are in, for the refusal

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.removed_meanwhile = self.readd_rows_removed_meanwhile() if self.is_bound else []

    def readd_rows_removed_meanwhile(self) -> list[int]:
        """Move each posted row whose stored row is gone to a new row at the end, without its id; return their indexes.

        A photo is in a story once, so a row whose photo is stored again under another id (a scheduled update
        puts the body photos back as new rows) takes that id instead.
        """
        stored_by_photo = {str(use.photo_id): str(use.pk) for use in self.get_queryset()}
        initial, total = self.initial_form_count(), self.total_form_count()
        rows = [
            {key: self.data.getlist(key) for key in self.data if key.startswith(f"{self.add_prefix(index)}-")}
            for index in range(total)
        ]
        posted_ids = [self.data.get(f"{self.add_prefix(index)}-id") for index in range(initial)]
        gone = [index for index, pk in enumerate(posted_ids) if pk not in stored_by_photo.values()]
        if not gone:
            return []
        kept, readded = [index for index in range(initial) if index not in gone], []
        for index in gone:
            key = f"{self.add_prefix(index)}-"
            same_photo = stored_by_photo.get(self.data.get(f"{key}photo"))
            if same_photo and same_photo not in posted_ids:
                rows[index][f"{key}id"] = [same_photo]
                kept.append(index)
            elif not forms.CheckboxInput().value_from_datadict(self.data, self.files, f"{key}DELETE"):
                rows[index].pop(f"{key}id", None)
                readded.append(index)
            # A row removed on both sides is dropped.
        data = self.data.copy()
        for key in [key for key in data if key.startswith(tuple(f"{self.add_prefix(index)}-" for index in range(total)))]:
            del data[key]
        for position, index in enumerate(kept + readded + list(range(initial, total))):
            for key, values in rows[index].items():
                data.setlist(key.replace(self.add_prefix(index), self.add_prefix(position), 1), values)
        data[self.management_form.add_prefix(TOTAL_FORM_COUNT)] = len(kept) + len(readded) + total - initial
        data[self.management_form.add_prefix(INITIAL_FORM_COUNT)] = len(kept)
        self.data = data
        del self.management_form  # read again, from the rewritten data
        return list(range(len(kept), len(kept) + len(readded)))

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
