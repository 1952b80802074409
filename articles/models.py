from ckeditor.fields import RichTextField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Case, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from .html import sanitize_body_html, validate_body_html


class SectionQuerySet(models.QuerySet):
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

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

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


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the articles a reader may see now, on any domain and any surface."""
        now = timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now).filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )

    def scheduled(self):
        """Return published articles whose publication time is still to come."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())

    def expired(self):
        """Return published articles whose expiry time has passed."""
        return self.filter(status=Article.Status.PUBLISHED, unpublish_at__lte=timezone.now())

    def for_listing(self):
        """Fetch what a listing card shows up front, so a page costs the same for 3 or 300 stories."""
        return self.select_related("section").order_by("-publish_at", "-pk")

    def latest_per_root_section(self, per_section: int, sections: dict):
        """Return {root section: its newest stories, subsections included}, in one query.

        `sections` is `Section.objects.tree()`; each story counts towards its top-level section.
        """
        root_of = {pk: section.root(sections).pk for pk, section in sections.items()}
        if not root_of:
            return {}
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            grouped = self._latest_per_root_by_union(per_section, sections)
        else:
            grouped = self._latest_per_root_by_window(per_section, root_of)
        return {
            section: grouped[section.pk]
            for section in sections.values()
            if section.parent_id is None and section.pk in grouped
        }

    def _latest_per_root_by_union(self, per_section, sections):
        """One `LIMIT n` select per top-level section, UNION ALL-ed: each reads a few index rows
        (PostgreSQL), where a window over every published story reads them all."""
        roots = [section for section in sections.values() if section.parent_id is None]
        parts = [
            self.for_listing()
            .filter(section_id__in=root.descendant_ids(sections))
            .annotate(root_section=Value(root.pk, output_field=models.IntegerField()))[:per_section]
            for root in roots
        ]
        newest = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        grouped = {}
        for article in sorted(newest, key=lambda article: (article.publish_at, article.pk), reverse=True):
            grouped.setdefault(article.root_section, []).append(article)
        return grouped

    def _latest_per_root_by_window(self, per_section, root_of):
        root = Case(*(When(section_id=pk, then=Value(root_pk)) for pk, root_pk in root_of.items()),
                    output_field=models.IntegerField())
        ranked = (
            self.for_listing()
            .annotate(root_section=root)
            .annotate(rank=Window(RowNumber(), partition_by=F("root_section"), order_by=[F("publish_at").desc(), F("pk").desc()]))
            .filter(rank__lte=per_section)
        )
        grouped = {}
        for article in ranked:
            grouped.setdefault(article.root_section, []).append(article)
        return grouped

    def with_tag(self, tag):
        """Return the stories carrying `tag`.

        A subquery rather than taggit's join (`filter(tags=tag)`): the join compares taggit's integer
        `object_id` with our bigint id through a cast no index serves, and on a tag that a third of
        100,000 stories carry it reads them all before it can sort (150 ms against 7 ms here).
        """
        tagged = TaggedItem.objects.filter(
            tag=tag, content_type__app_label=self.model._meta.app_label, content_type__model=self.model._meta.model_name,
        )
        return self.filter(pk__in=tagged.values("object_id"))

    def by_author(self, user):
        """Return the stories `user` created or carries a byline on (a subquery, so no duplicates)."""
        bylined = Article.authors.through.objects.filter(user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=bylined))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, allow_unicode=True,
        help_text=_("The words in the story's address. Editing it later is safe: old links redirect."),
    )
    standfirst = models.TextField(
        _("standfirst"), max_length=600, blank=True,
        help_text=_("One or two sentences under the headline; also the summary in listings and search results."),
    )
    body = RichTextField(_("body"), blank=True, validators=[validate_body_html])
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(_("tags"), blank=True, help_text=_("Comma-separated: Politics, Syria, Turkey."))
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("bylines"), related_name="bylines", blank=True,
        limit_choices_to={"is_staff": True},
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        _("publication time"), null=True, blank=True,
        help_text=_(
            "With status Published, the story goes live at this moment on every page, feed and domain, "
            "and not a second before. Leave empty to publish now."
        ),
    )
    unpublish_at = models.DateTimeField(
        _("expiry time"), null=True, blank=True,
        help_text=_("Optional: the story disappears from the public site at this moment."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last changed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-pk"]
        permissions = [
            ("publish_article", _("Can publish, schedule, withdraw and edit published articles")),
        ]
        # The gate and the listings. The included columns let PostgreSQL count a listing (its pagination)
        # from the index alone; the partial index finds the next expiry (serving/schedule.py).
        indexes = [
            models.Index(fields=["status", "publish_at"], include=["unpublish_at", "id"], name="article_status_publish_idx"),
            models.Index(fields=["section", "status", "publish_at"], include=["unpublish_at"], name="article_section_publish_idx"),
            models.Index(fields=["status", "unpublish_at"], condition=Q(unpublish_at__isnull=False), name="article_expiry_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_publish_at",
            ),
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True) | Q(publish_at__isnull=True) | Q(unpublish_at__gt=models.F("publish_at")),
                name="article_expiry_after_publication",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        # The id carries the link; the slug is decoration, so an edited headline or slug never breaks it.
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def save(self, *args, **kwargs):
        self.body = sanitize_body_html(self.body)
        self.default_publish_at()
        super().save(*args, **kwargs)

    def default_publish_at(self):
        """Published without a time means published now."""
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()

    def clean(self):
        self.default_publish_at()
        if self.unpublish_at and self.publish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError({"unpublish_at": _("The expiry time must be after the publication time.")})

    @property
    def is_published(self) -> bool:
        """The instance twin of `Article.objects.published()`: may a reader see this story now?"""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def state_label(self) -> str:
        """Say where the story stands, for the desk: "Scheduled for 24 Nov 14:00", "Live since …"."""
        if self.status != self.Status.PUBLISHED:
            return self.get_status_display()
        now = timezone.now()
        when = date_format(timezone.localtime(self.publish_at), "j M Y H:i")
        if self.publish_at > now:
            return _("Scheduled for %(when)s") % {"when": when}
        if self.unpublish_at and self.unpublish_at <= now:
            return _("Expired")
        return _("Live since %(when)s") % {"when": when}

    @property
    def was_updated(self) -> bool:
        """Whether to show an "Updated" time: a change more than a minute after publication."""
        return bool(self.publish_at and (self.updated_at - self.publish_at).total_seconds() > 60)

    def trail(self, sections: dict) -> list[tuple[str, str]]:
        """Return the links above the headline: the section path, then each tag not already named."""
        links = [(section.name, section.get_absolute_url()) for section in self.section.ancestry(sections)]
        named = {name.casefold() for name, _url in links}
        links += [
            (tag.name, reverse("articles:tag", kwargs={"slug": tag.slug}))
            for tag in self.tags.all()
            if tag.name.casefold() not in named
        ]
        return links
