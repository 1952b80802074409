"""Plain text as the newsroom keeps and sends it: no control character but tab, newline and CR.

Word's manual line break (U+000B) and its like come in with pasted text. Nobody meant them, nobody sees
them, and XML 1.0 cannot carry them: one in a headline was a 500 on every feed listing the story and made
the news sitemap invalid. HTML forbids them too, and counts DEL and the C1 controls (U+007F to U+009F, which
text decoded with the wrong charset brings) among them.
"""
import re

from django import forms
from django.db.models.signals import pre_save

# HTML's "control" (C0, DEL and C1), less the ASCII whitespace a text keeps: tab, newline, CR.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def plain_text(text: str) -> str:
    """Return `text` with each control character but tab, newline and CR turned into a space."""
    return CONTROL_CHARACTERS.sub(" ", text)


def keep_plain(model, *fields):
    """Store `fields` of `model` as plain text, whichever form, API or command saves a row."""
    def receiver(sender, instance, **kwargs):
        for name in fields:
            setattr(instance, name, plain_text(getattr(instance, name)))
    pre_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"plain_text:{model._meta.label}")


class TypedText(forms.CharField):
    """A text box's text with each line break one character, as its maxlength counted it: browsers send CR LF,
    and the length check counted each twice (text the box had taken was refused)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")
