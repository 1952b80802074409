"""Plain text as the newsroom keeps and sends it: no control character but tab, newline and CR, no noncharacter,
and no line break at all in a one-line field (a headline, a name).

Word's manual line break (U+000B) and its like come in with pasted text. Nobody meant them, nobody sees
them, and XML 1.0 cannot carry them: one in a headline was a 500 on every feed listing the story and made
the news sitemap invalid. HTML forbids them too, and counts DEL and the C1 controls (U+007F to U+009F, which
text decoded with the wrong charset brings) among them, and the noncharacters (U+FFFE, U+FFFF and their like),
two of which XML 1.0 cannot carry either. A line break in a headline (a forged post: the box has one line) made
the mail of a note's mention fail, its subject a header of two lines.
"""
import re
import unicodedata

from django import forms
from django.db import models
from django.db.models.signals import pre_save

# HTML's "control" (C0, DEL and C1), less the ASCII whitespace a text keeps: tab, newline, CR; its noncharacters;
# and lone surrogates, which no UTF-8 text holds.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
                      + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)) + "]")
LINE_BREAKS = re.compile("[\r\n]+")


def plain_text(text: str) -> str:
    """Return `text` with each control character but tab, newline and CR, and each noncharacter, turned into a space,
    in Unicode's composed form (NFC): "é" pasted from a Mac as e and an accent is the "é" a keyboard types, so a
    tag, a slug or a searched word is found, not made twice."""
    return unicodedata.normalize("NFC", NOT_TEXT.sub(" ", text))


def keep_plain(model, *fields):
    """Store `fields` of `model` as plain text, whichever form, API or command saves a row: one line, where the
    field is a CharField."""
    one_line = {name for name in fields if isinstance(model._meta.get_field(name), models.CharField)}
    limits = {name: model._meta.get_field(name).max_length for name in fields}

    def receiver(sender, instance, **kwargs):
        for name in fields:
            text = plain_text(getattr(instance, name))
            if limits[name] and len(text) > limits[name]:  # a few characters grow composed: as checked, not composed
                text = NOT_TEXT.sub(" ", getattr(instance, name))
            setattr(instance, name, LINE_BREAKS.sub(" ", text) if name in one_line else text)
    pre_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"plain_text:{model._meta.label}")


class TypedText(forms.CharField):
    """A text box's text with each line break one character, as its maxlength counted it: browsers send CR LF,
    and the length check counted each twice (text the box had taken was refused); composed (NFC), as plain text is."""

    def to_python(self, value):
        return unicodedata.normalize("NFC", super().to_python(value).replace("\r\n", "\n"))


class TypedSlug(forms.SlugField):
    """A slug as typed, composed (NFC) before it is checked: "zürich" pasted from a Mac, u and a mark, was refused."""

    def to_python(self, value):
        return unicodedata.normalize("NFC", super().to_python(value))
