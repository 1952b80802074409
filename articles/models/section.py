"""Sections: the newsroom's tree of desks (News > Politics), one query for the whole tree."""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SectionQuerySet(models.QuerySet):
    def tree_for(self, request):
        """Return `tree()`, read once per request: the view and the navigation menu share it."""
        if not hasattr(request, "_section_tree"):
            request._section_tree = self.tree()
        return request._section_tree

    def tree(self):
        """Return every section keyed by id, with `children` lists filled in: one query."""
        sections = {section.pk: section for section in self.order_by("position", "name")}
        for section in sections.values():
            section.children = []
        for section in sections.values():
            if section.parent_id in sections:
                sections[section.parent_id].children.append(section)
        return sections


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent section"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="subsections",
        help_text=_("Leave empty for a top-level section; News > Politics has News as parent of Politics."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Lower comes first."))
    description = models.CharField(_("description"), max_length=300, blank=True)
    # The slugs it had: links to its old address (other sites, bookmarks, feed subscriptions) are sent on with a 301
    # while no other section has that slug (articles/views.py, moved_section).
    former_slugs = models.JSONField(_("former slugs"), default=list, blank=True, editable=False)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def save(self, *args, update_fields=None, **kwargs):
        """Save, keeping the slug it leaves in `former_slugs`; a slug it takes is no longer another section's former one."""
        if update_fields is not None and "slug" not in update_fields:
            return super().save(*args, update_fields=update_fields, **kwargs)
        stored = Section.objects.filter(pk=self.pk).values_list("slug", flat=True).first() if self.pk else None
        if stored == self.slug:
            return super().save(*args, update_fields=update_fields, **kwargs)
        self.former_slugs = [slug for slug in [*self.former_slugs, *([stored] if stored else [])] if slug != self.slug]
        super().save(*args, update_fields=None if update_fields is None else {*update_fields, "former_slugs"}, **kwargs)
        for other in Section.objects.exclude(pk=self.pk).only("former_slugs"):
            if self.slug in other.former_slugs:
                Section.objects.filter(pk=other.pk).update(former_slugs=[slug for slug in other.former_slugs if slug != self.slug])

    def clean(self):
        # News > Politics > News would leave the tree without News: gone from the masthead and the front page.
        if self.parent_id and self.pk and self.parent_id in self.descendant_ids(Section.objects.tree()):
            raise ValidationError({"parent": _("A section cannot be placed under itself or one of its subsections.")})

    def ancestry(self, sections: dict) -> list:
        """Return this section's path from the top of the tree, itself last (`sections` from `tree()`)."""
        path, section = [], self
        while section is not None and section not in path:  # the `not in` guards against a cycle
            path.insert(0, section)
            section = sections.get(section.parent_id)
        return path

    def root(self, sections: dict):
        return self.ancestry(sections)[0]

    def descendant_ids(self, sections: dict) -> list[int]:
        """Return the ids of this section and every section below it."""
        ids, stack = [], [sections.get(self.pk, self)]
        while stack:
            section = stack.pop()
            if section.pk not in ids:
                ids.append(section.pk)
                stack.extend(getattr(section, "children", []))
        return ids

