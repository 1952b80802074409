"""Merging tags on the desk ("Merge selected tags"): every story carrying one of them carries the tag named
instead, in the place the first of them had in its trail.

taggit's own merge moved the rows one by one, which no signal of a tag change follows: the stories' pages, tag
pages, feeds, search index and the API's changes feed kept the old tags. And merging "Ports" and "ports" into
"Ports" took "Ports" off every story that had only it (each row found itself already carrying the new tag).
"""
from itertools import groupby

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _, gettext_lazy
from taggit.models import Tag, TaggedItem

from security.plain_text import plain_text
from serving.purges import purge

from .caching import stamp
from .models import Article
from .search import search_vector_refresh


class MergeForm(forms.Form):
    new_tag_name = forms.CharField(
        label=gettext_lazy("Merge them into"), max_length=Tag._meta.get_field("name").max_length,
        help_text=gettext_lazy("A new tag's name, one of the tags above, or another existing tag (case ignored)."),
    )

    def clean_new_tag_name(self):
        name = plain_text(self.cleaned_data["new_tag_name"]).strip()
        if not name:
            raise forms.ValidationError(_("Type the name of the tag to merge them into."))
        if len(name) > self.fields["new_tag_name"].max_length:  # composed (NFC), a few characters grow
            raise forms.ValidationError(_("A tag has at most %(limit)d characters.") % {"limit": self.fields["new_tag_name"].max_length})
        return name


@transaction.atomic
def merge_tags(tags, name: str) -> tuple[Tag, int]:
    """Put the tag named `name` (found whatever its case, else made) in place of `tags` on every story. Return
    it and the number of stories changed."""
    into = (Tag.objects.filter(name=name).first() or Tag.objects.filter(name__iexact=name).first()  # as typed, first
            or Tag.objects.create(name=name))
    carrying = TaggedItem.objects.filter(content_type__model="article", content_type__app_label="articles", tag__in=[*tags, into])
    # The stories first, in order, as a story's save locks its story before its tags (desk/conflicts.py): the tag rows
    # first, a save at the same moment held the story this waited for, and PostgreSQL killed one of the two.
    list(Article.objects.select_for_update().filter(pk__in=carrying.values("object_id")).order_by("pk").values_list("pk", flat=True))
    rows = carrying.select_for_update().order_by("object_id", "pk")
    moved, dropped, stories = [], [], []
    for story, group in groupby(rows.values_list("object_id", "pk", "tag_id"), key=lambda row: row[0]):
        (_story, first, tag), *rest = group
        moved += [first] if tag != into.pk else []
        dropped += [pk for _story, pk, _tag in rest]
        if tag != into.pk or rest:
            stories.append(story)
    TaggedItem.objects.filter(pk__in=dropped).delete()
    TaggedItem.objects.filter(pk__in=moved).update(tag=into)
    # Rows moved, not `story.tags` changed: no signal follows, so the index and the pages are told here.
    changed = Article.objects.filter(pk__in=stories)
    changed.update(version=F("version") + 1)  # a story form opened before is merged with this, not saved over it
    search_vector_refresh(changed, bump=False)
    purge([*(f"tag-{tag.pk}" for tag in (*tags, into)), "search"])
    stamp(changed)
    return into, len(stories)
