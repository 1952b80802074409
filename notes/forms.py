from django import forms
from django.utils.translation import gettext_lazy as _

from security.plain_text import TypedText

from .models import Note


class NoteForm(forms.Form):
    # "Comment", not "Note": the workflow buttons' forms on the same page have a "Note" field each.
    text = TypedText(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Name a colleague or a desk with @: @username, @politics."),
    )
    field = forms.ChoiceField(label=_("On"), choices=[("", _("The whole story"))] + Note.Field.choices, required=False)
    quote = forms.CharField(
        label=_("Quoted passage"), max_length=1000, required=False,
        help_text=_("Optional: copy the words the note is about from the saved text."),
    )
    # The words before the selection "Quote the selected words" took (notes/quote.js): which copy of a passage the
    # body holds twice is meant.
    quote_before = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    blocking = forms.BooleanField(label=_("Blocking: hold publication until resolved"), required=False)


    def clean_quote_before(self):
        return self.cleaned_data["quote_before"][-200:]  # its end is what counts; a page's script sends 64


class ReplyForm(forms.Form):
    text = TypedText(label=_("Reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
