import reversion
from ckeditor.fields import RichTextField
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _, pgettext
from taggit.managers import TaggableManager

from people.fields import person_foreign_key
from people.names import person_name
from times.desk import desk_time

from .. import extensions
from ..html import sanitize_body_html, validate_body_html
from .queries import ArticleQuerySet
from .section import Section


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
    # PROTECT, not SET_NULL: deleting a photo from the library must not silently strip a live story of
    # its picture (and its credit); the desk is told which stories use it and detaches it first.
    lead_photo = models.ForeignKey(
        "photos.Photo", verbose_name=_("lead photo"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="lead_of_articles",
        help_text=_("Shown under the standfirst and as the thumbnail in listings. Type to search the photo library."),
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
    embargo_at = models.DateTimeField(
        _("embargo"), null=True, blank=True,
        help_text=_(
            "Optional: the source's embargo. The story cannot go live before this moment; "
            "scheduling it at or after the embargo is fine."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1,
        help_text=_("Counts the saves; a save made from an older version is refused, so no one's work is lost."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), blank=True, editable=False)  # stamped by save()
    created_by = person_foreign_key(_("created by"), blank=True)
    updated_by = person_foreign_key(_("last changed by"), blank=True)
    # Headline, standfirst, body and tags, weighted, for full-text search on PostgreSQL; kept up to date by
    # articles/search.py. Its GIN index is created by migration 0006 on PostgreSQL only (a GinIndex in
    # Meta.indexes would be recreated, and fail, whenever SQLite rebuilds this table). NULL on SQLite.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

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

    def save(self, *args, saved_at=None, **kwargs):
        """Save, stamped with `saved_at` or now. Not auto_now, which would overrule it: the save that publishes a
        story now is stamped with its publication time, so its row says nothing was saved after the publication
        (the changes feed's `published`, api/changes.py)."""
        self.body = sanitize_body_html(self.body)
        self.updated_at = saved_at or timezone.now()
        self.default_publish_at()
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        # Optimistic concurrency: claim the next version only if the row is still at the one this
        # instance was loaded (or the desk form was opened) at. The UPDATE holds the row until commit,
        # so of two simultaneous saves from the same version exactly one wins. No lock is left behind.
        with transaction.atomic(using=router.db_for_write(Article, instance=self)):
            claimed = Article._base_manager.filter(pk=self.pk, version=self.version).update(version=F("version") + 1)
            if not claimed:
                raise ArticleConflict(self)
            self.version += 1
            super().save(*args, **kwargs)

    def default_publish_at(self):
        """Published without a time means published now."""
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()

    def full_clean(self, exclude=None, **kwargs):
        self._not_in_form = set(exclude or ())  # the fields the validating form does not have (clean() reads it)
        try:
            super().full_clean(exclude=exclude, **kwargs)
        finally:
            del self._not_in_form  # only for this validation: a later clean() (a copy, a service) names publish_at

    def clean(self):
        self.default_publish_at()
        if self.unpublish_at and self.publish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError({"unpublish_at": _("The expiry time must be after the publication time.")})
        # A form that leaves the embargo out of this validation checks it itself: the desk's form, when a button moves
        # the story in the same save, against the story as the move leaves it (desk.forms.check_desk_action).
        not_in_form = getattr(self, "_not_in_form", ())
        if self.status == self.Status.PUBLISHED and self.embargo_at and self.publish_at < self.embargo_at and "embargo_at" not in not_in_form:
            if "publish_at" not in not_in_form:
                raise ValidationError({"publish_at": self.embargo_message})
            # The desk's form sets the embargo but not the publication time: say it by the embargo.
            when = desk_time(self.publish_at)
            raise ValidationError({"embargo_at": _(
                "The story is published from %(when)s, before this embargo: withdraw it or move its publication "
                "to the embargo or later first."
            ) % {"when": when}})

    @property
    def embargo_message(self) -> str:
        """Say until when the story is embargoed, in the newsroom's zone: "Embargoed until 24 Nov 2026 14:00 CET"."""
        when = desk_time(self.embargo_at)
        return _("Embargoed until %(when)s: schedule it at or after that time.") % {"when": when}

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
        """Say where the story stands, for the desk: "Scheduled for 24 Nov 2026 14:00:00 CET", "Live since …"."""
        if self.status != self.Status.PUBLISHED:
            return self.get_status_display()
        now = timezone.now()
        when = desk_time(self.publish_at)
        if self.publish_at > now:
            return _("Scheduled for %(when)s") % {"when": when}
        if self.unpublish_at and self.unpublish_at <= now:
            return _("Expired")
        return _("Live since %(when)s") % {"when": when}

    @property
    def was_updated(self) -> bool:
        """Whether to show an "Updated" time: a change more than a minute after publication."""
        return bool(self.publish_at and (self.modified_at - self.publish_at).total_seconds() > 60)

    @property
    def modified_at(self):
        """When the story's page last changed, the one answer for JSON-LD `dateModified`, `article:modified_time`,
        the sitemaps' `lastmod` and the feeds' `updated`: the latest of the last save, the latest correction or
        update note, the publication time (a story scheduled on Monday for Tuesday was not modified before it
        came out) and what apps above articles changed on the page (`extensions.changed_at`: a live entry)."""
        names = ["last_corrected_at", *extensions.changed_names()]
        if not all(hasattr(self, name) for name in names):  # not fetched by with_modified_at(): one query
            fetched = Article.objects.filter(pk=self.pk).with_modified_at().values(*names).first() or {}
            for name in names:
                setattr(self, name, fetched.get(name))
        moments = (self.updated_at, self.publish_at, *(getattr(self, name) for name in names))
        return max(moment for moment in moments if moment is not None)

    @property
    def byline_names(self) -> list[str]:
        return [person_name(author) for author in self.authors.all()]

    @property
    def byline(self) -> str:
        """The bylines as a sentence says them: "Ana Popescu, Jonas Weber and Marta Ilyina"."""
        return get_text_list(self.byline_names, pgettext("before the last of several bylines", "and"))

    @cached_property
    def ordered_tags(self) -> list:
        """The story's tags in the order the desk attached them, read once (trail, metadata)."""
        return list(self.tags.all())

    def trail(self, sections: dict) -> list[tuple[str, str]]:
        """Return the links above the headline: the section path, then each tag not already named."""
        links = [(section.name, section.get_absolute_url()) for section in self.section.ancestry(sections)]
        named = {name.casefold() for name, _url in links}
        links += [
            (tag.name, reverse("articles:tag", kwargs={"slug": tag.slug}))
            for tag in self.ordered_tags
            if tag.name.casefold() not in named
        ]
        return links


class ArticleConflict(ValidationError):
    """A save from an out-of-date version of a story: someone else saved it meanwhile."""

    def __init__(self, article):
        super().__init__(
            _("“%(headline)s” was changed by someone else meanwhile; reload it and try again.") % {"headline": article},
            code="conflict",
        )


# Every desk save and transition keeps a revision (desk/services.py). Content and publication
# fields are kept; restoring one brings back only the content (services.article_restore_revision).
REVISION_FIELDS = [
    "headline", "slug", "standfirst", "body", "section", "status",
    "publish_at", "unpublish_at", "embargo_at", "version", "updated_by", "lead_photo",
]
reversion.register(Article, fields=REVISION_FIELDS)
