from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from security.plain_text import TypedText
from security.stale_forms import SeenForm

from . import uses
from .images import inspect_image
from .models import Agency, Photo
from .publishing import as_stored, photo_problems

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class PhotoAdminForm(SeenForm):
    """Upload and describe a photo. The file is checked by its bytes (photos/images.py) before it is stored.
    A colleague's save since the form was opened (a caption fixed) is told, not undone (`seen`)."""

    seen_fields = ["image", "caption", "alt_text", "credit_type", "agency", "photographer", "released_by", "taken_on"]

    image = forms.FileField(
        label=_("Image"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),  # no link to the original: it is never served
        help_text=Photo._meta.get_field("image").help_text,
        error_messages={"empty": _("The file is empty (0 bytes)."), "required": _("Choose a photo to upload.")},
    )

    class Meta:
        model = Photo
        fields = ["image", "caption", "alt_text", "credit_type", "agency", "photographer", "released_by", "taken_on"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 3}), "alt_text": forms.TextInput(attrs={"size": 80})}
        field_classes = {"caption": TypedText}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The read-only view (a journalist looking at a photo in a live story) builds the form without fields.
        if self.instance.pk and "image" in self.fields:
            self.fields["image"].required = False
            self.fields["image"].help_text = _("Leave empty to keep the current image; choose a file to replace it.")
        if "credit_type" in self.fields:
            # The form's script shows the credit line as it will read, worded by the server (photos/credits.py).
            self.fields["credit_type"].widget.attrs["data-credit-line-url"] = reverse("admin:photos_photo_credit_line")
        if "agency" in self.fields:
            # Inactive agencies are not offered for new photos, but a photo already credited to one keeps it.
            self.fields["agency"].queryset = Agency.objects.filter(is_active=True) | Agency.objects.filter(pk=self.instance.agency_id)

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not isinstance(upload, UploadedFile):
            return upload  # no new file: the current image stays
        info = inspect_image(upload)
        self.instance.width, self.instance.height = info.width, info.height
        upload.name = f"upload.{info.extension}"  # the stored name is generated again from the bytes
        return upload

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and not self.errors:
            draft = Photo(
                alt_text=cleaned_data.get("alt_text", ""), credit_type=cleaned_data.get("credit_type", ""),
                agency=cleaned_data.get("agency"), photographer=cleaned_data.get("photographer", ""),
            )
            draft.pk = self.instance.pk
            uses.lock_users(self.instance)  # the stories and live coverages first, then the photo, as a publication:
            stored = as_stored([self.instance])  # a story going out meanwhile is seen below, or waits for this save
            self.refuse_if_changed(stored[0] if stored else self.instance)
            if photo_problems([draft]) and Photo.objects.in_articles_going_live().filter(pk=self.instance.pk).exists():
                raise ValidationError(
                    _("This photo is in a published or scheduled story, so it must keep its credit and alt text."),
                    code="in_published_story",
                )
        return cleaned_data
