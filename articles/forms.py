from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget

from photos.publishing import photo_problems

from .models import Article
from .services import can_publish

SCHEDULING_FIELDS = ("publish_at", "unpublish_at")


class TagAutocompleteWidget(TagWidget):
    """Taggit's comma-separated input, with suggestions for the tag being typed from the admin's lookup."""

    template_name = "articles/widgets/tag_autocomplete.html"

    class Media:
        js = ["articles/js/tag-autocomplete.js"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "size": 60, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}-suggestions"
        widget_attrs["data-autocomplete-url"] = reverse_lazy("admin:autocomplete")
        return context


class ArticleAdminForm(forms.ModelForm):
    """The desk's article form. Journalists get no publishing controls, and a forged value is refused."""

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"tags": TagAutocompleteWidget}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "status" in self.fields and not can_publish(user):
            # Only the choices a journalist may pick are offered; clean_status refuses the rest.
            self.fields["status"].widget.choices = [
                (value, label) for value, label in Article.Status.choices
                if value in (Article.Status.DRAFT, Article.Status.REVIEW)
            ]

    def clean_status(self):
        status = self.cleaned_data["status"]
        if not can_publish(self.user) and status not in (Article.Status.DRAFT, Article.Status.REVIEW):
            raise ValidationError(_("Only an editor can publish or withdraw a story. Submit it for review."))
        return status

    def clean(self):
        cleaned_data = super().clean()
        if not can_publish(self.user):
            # The form a journalist sees has no scheduling fields, so any value here was forged.
            # (Split date/time widgets post `<name>_0` and `<name>_1`.)
            if any(self.data.get(f"{name}{suffix}") for name in SCHEDULING_FIELDS for suffix in ("", "_0", "_1")):
                raise ValidationError(_("Only an editor can set a publication or expiry time."), code="not_editor")
        if cleaned_data.get("status") == Article.Status.PUBLISHED:
            # Photos in the body column are checked by their inline formset (photos/forms.py).
            for message in photo_problems([cleaned_data.get("lead_photo")]):
                self.add_error("lead_photo" if "lead_photo" in self.fields else None, message)
        return cleaned_data
