"""The desk's tag input, in the order the journalist typed it, and its widgets (suggestions as one types).

taggit's parse_tags() returns the names sorted, and its edit string sorts them too, so "Syria, Turkey,
Russia" would become Russia / Syria / Turkey in the trail above the headline. The trail shows tags in the
order they were attached, so the order typed is the order readers see. These functions follow taggit's
quoting rules (double quotes group words and may hold commas; commas separate names when there is a comma
outside quotes, spaces otherwise) and drop the sorting; and a quote in a name is written twice inside its
quotes, which taggit cannot say at all (a tag renamed `Operation "Spring"` came back as two tags).
"""
import hashlib

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from taggit.forms import TagField, TagWidget
from taggit.models import Tag
from taggit.utils import split_strip

from security.plain_text import plain_text


def parse_tags_in_order(text: str) -> list[str]:
    """Return the tag names in `text` in typed order, each once (the first spelling wins, case ignored)."""
    if not text:
        return []
    pieces = []  # (quoted, text) in the order typed
    buffer, loose_comma, at = [], False, 0
    while at < len(text):
        if text[at] != '"':
            loose_comma = loose_comma or text[at] == ","
            buffer.append(text[at])
            at += 1
            continue
        if buffer:
            pieces.append((False, "".join(buffer)))
            buffer = []
        quoted, at, closed = [], at + 1, False
        while at < len(text) and not closed:
            if text[at] == '"' and text[at + 1:at + 2] == '"':  # a quote in a name, written twice (ours, not taggit's)
                quoted.append('"')
                at += 2
            else:
                closed = text[at] == '"'
                quoted += [] if closed else [text[at]]
                at += 1
        if closed:
            pieces.append((True, "".join(quoted)))
        else:  # an unclosed quote: taggit treats what follows it as unquoted text
            loose_comma = loose_comma or "," in quoted
            buffer = quoted
    if buffer:
        pieces.append((False, "".join(buffer)))
    delimiter = "," if loose_comma else " "
    names = []
    for quoted, piece in pieces:
        names += [piece.strip()] if quoted else split_strip(piece, delimiter)
    unique = {}
    for name in names:
        if name:
            unique.setdefault(name.casefold(), name)  # TAGGIT_CASE_INSENSITIVE: "syria" is "Syria"
    return list(unique.values())


def edit_string_in_order(tags) -> str:
    """Return the tags as the input shows them, in their order: taggit's quoting, without its sorting."""
    names = []
    for tag in tags:
        name = tag if isinstance(tag, str) else tag.name
        names.append('"' + name.replace('"', '""') + '"' if any(mark in name for mark in ', "') else name)
    return ", ".join(names)


class OrderedTagField(TagField):
    """taggit's TagField, keeping the order typed: a new order is a change, saved as such."""

    def clean(self, value):
        # As a tag stores its name (articles/apps.py), so that a typed name finds its tag.
        names = parse_tags_in_order(plain_text(forms.CharField.clean(self, value)))
        longest = Tag._meta.get_field("name").max_length
        if too_long := [name for name in names if len(name) > longest]:
            raise forms.ValidationError(
                _("A tag has at most %(limit)d characters: “%(name)s…” has %(length)d.")
                % {"limit": longest, "name": too_long[0][:30], "length": len(too_long[0])}
            )
        return names

    def has_changed(self, initial_value, data_value):
        if self.disabled:
            return False
        try:
            typed = self.clean(data_value)
        except forms.ValidationError:
            return True
        attached = [tag if isinstance(tag, str) else tag.name for tag in initial_value or []]
        return [name.casefold() for name in attached] != [name.casefold() for name in typed]


def slug_every_tag(sender, instance, raw=False, **kwargs):
    """taggit gives a name of punctuation or symbols alone ("---", "🌊") an empty slug, which no tag page
    can have: such a tag gets one from its name's hash instead. A slug too long for its column (taggit's "_1"
    after a long name's slug taken by another tag, or a name NFKC makes longer) is cut, and given that hash to
    stay apart from the other: the save of the story it tags would otherwise fail, and what was typed with it."""
    if raw:
        return
    name_hash = hashlib.md5(instance.name.encode(), usedforsecurity=False).hexdigest()[:10]
    longest = sender._meta.get_field("slug").max_length
    if not instance.slug:
        instance.slug = "tag-" + name_hash
    elif len(instance.slug) > longest:
        instance.slug = instance.slug[: longest - len(name_hash) - 1] + "-" + name_hash


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

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            value = edit_string_in_order(value)  # taggit's own sorts the names: the trail's order would be lost
        return forms.TextInput.format_value(self, value)


class TagsHiddenInput(forms.HiddenInput):
    """The tags as the form showed them when opened (`initial-tags`), written as the tag input writes them."""

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            value = edit_string_in_order(value)
        return super().format_value(value)
