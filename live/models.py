"""Live coverage of a breaking story (its timestamped entries) and the breaking-news alert.

The stream of a story's entries is ordered by publication time; an entry's *position* in it (the
"sequence number" readers' pages poll for, README "Live coverage") is its rank in that order, counted
over the entries readers may see, tombstones included. An entry is published now or later, never
backdated, so what readers may see is always a prefix of the order: a position, once public, never
changes, and a range of positions shows the same entries for good (edits aside, which purge it).
"""
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import Greatest, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.html import ALLOWED_TAGS, TAG_RE, body_words, sanitize_body_html, validate_body_html
from articles.models import Article, PhotoInColumn, Section
from people.fields import person_foreign_key

ALERT_LIFETIME = timedelta(hours=2)
# An entry's headline is an h3 under the coverage's h2 ("Latest updates"): a heading in its body stays below it,
# or it would leave the entry in the page's outline. nh3 cannot rename a tag, so h2 and h3 keep only their words.
ENTRY_BODY_TAGS = ALLOWED_TAGS - {"h2", "h3"}


class LiveCoverage(models.Model):
    """A story marked live: it carries entries until the coverage is closed."""

    article = models.OneToOneField(Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="live_coverage")
    started_at = models.DateTimeField(_("coverage started"), default=timezone.now)
    ended_at = models.DateTimeField(_("coverage ended"), null=True, blank=True)
    allow_direct_posting = models.BooleanField(
        _("journalists post directly"), default=False,
        help_text=_("Off: a journalist's entry waits for an editor. On: it goes out at once, as an editor's does."),
    )
    # Counts the changes to the entries (publications, edits, deletions, pins): each change takes the
    # next number under a row lock, so numbers are unique and grow (LiveEntry.stamp and .revision).
    changes = models.PositiveIntegerField(_("changes"), default=0, editable=False)

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage")
        ordering = ["-started_at"]

    def __str__(self):
        return str(self.article)

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def state(self) -> str:
        return "live" if self.is_open else "ended"

    def get_absolute_url(self):
        return self.article.get_absolute_url()


def was_seen() -> Q:
    """Of entries that are due: those readers had. A tombstone keeps the place of an entry deleted after its time;
    one deleted before its time never was in the stream."""
    return Q(deleted_at__isnull=True) | Q(deleted_at__gte=F("published_at"))


class LiveEntryQuerySet(models.QuerySet):
    def stream(self):
        """Return the entries whose place readers may see now: published, due, on a story readers may
        see (`Article.objects.published()`), tombstones included. The one gate for entries."""
        return self.filter(
            was_seen(), coverage__article__in=Article.objects.published(), status=LiveEntry.Status.PUBLISHED,
            published_at__lte=timezone.now(),
        )

    def published(self):
        """Return the entries a reader may read now: the stream without its tombstones."""
        return self.stream().filter(deleted_at__isnull=True)

    def went_out_between(self, since, until):
        """Return the entries that went out in [since, until), each annotated with the moment it did (`went_out_at`:
        its own, or its story's if that came later), before its story expired; as Article.objects.went_out_between
        has it, not on a story withdrawn since. For the desk's reports, not for readers."""
        return self.annotate(went_out_at=Greatest("published_at", "coverage__article__publish_at")).filter(
            Q(coverage__article__unpublish_at__isnull=True) | Q(coverage__article__unpublish_at__gt=F("went_out_at")),
            status=LiveEntry.Status.PUBLISHED, deleted_at__isnull=True, coverage__article__status=Article.Status.PUBLISHED,
            went_out_at__gte=since, went_out_at__lt=until, went_out_at__lte=timezone.now(),
        )

    def positioned(self):
        """Number the entries in stream order (1 is the first). Chain it on stream(), filter after it."""
        return self.annotate(position=Window(RowNumber(), order_by=[F("published_at").asc(), F("stamp").asc()]))

    def for_page(self):
        return self.select_related("photo__agency", "author", "coverage")  # the coverage: for get_absolute_url()


class LiveEntry(models.Model):
    class Kind(models.TextChoices):
        UPDATE = "update", _("Update")
        KEY_EVENT = "key", _("Key event")
        SUMMARY = "summary", _("Summary")
        CORRECTION = "correction", _("Correction")

    class Status(models.TextChoices):
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    coverage = models.ForeignKey(LiveCoverage, verbose_name=_("coverage"), on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UPDATE)
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    body = models.TextField(
        _("text"), validators=[validate_body_html],
        help_text=_("Plain text (a blank line starts a paragraph) or the story body's HTML."),
    )
    photo = models.ForeignKey(
        "photos.Photo", verbose_name=_("photo"), null=True, blank=True, on_delete=models.PROTECT, related_name="live_entries",
    )
    author = person_foreign_key(_("author"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REVIEW)
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    # Pinned before its time: the clock pins it when it goes out (live.services.pins_due), and the pinned entry
    # readers have stays until then.
    pin_when_out = models.BooleanField(_("pinned when it goes out"), default=False)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # The coverage's change number when the publication time was set: breaks ties in stream order, so an
    # entry published now sorts after every entry already public, even one with the same second.
    stamp = models.PositiveIntegerField(_("stamp"), default=0, editable=False)
    # The coverage's change number at the last publication, edit, deletion or pin: pollers ask for the
    # entries changed since the number they have.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        ordering = ["-published_at", "-stamp"]
        indexes = [
            models.Index(fields=["coverage", "status", "published_at", "stamp"], name="live_entry_stream_idx"),
            models.Index(fields=["status", "published_at"], name="live_entry_schedule_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["coverage"], condition=Q(is_pinned=True), name="live_entry_one_pinned"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="live_entry_published_has_time",
            ),
        ]

    def __str__(self):
        return self.headline or f"{self.get_kind_display()} #{self.pk}"

    def save(self, *args, **kwargs):
        # Typed as plain text in the composer: paragraphs, not one line, and a "<" ("turnout <40%", "<John
        # Smith>") is text. HTML is a body that holds a tag the sanitiser keeps.
        if self.body and not any(match[2].lower() in ALLOWED_TAGS for match in TAG_RE.finditer(self.body)):
            self.body = linebreaks(self.body, autoescape=True)
        self.body = sanitize_body_html(self.body, tags=ENTRY_BODY_TAGS)
        super().save(*args, **kwargs)

    def clean(self):
        if not self.deleted_at and not self.body.strip():
            raise ValidationError({"body": _("Write the entry's text.")})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def pinned_on_desk(self) -> bool:
        """Pinned, or to be when it goes out: the desk offers Unpin."""
        return self.is_pinned or self.pin_when_out

    @property
    def text(self) -> str:
        """The entry's words without markup, entities read: feeds and JSON-LD escape them once themselves."""
        return body_words(self.body)

    @property
    def title(self) -> str:
        return self.headline or Truncator(self.text).chars(110)

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    def get_absolute_url(self):
        """The entry's permalink: it leads to the page holding the entry now (live/views.entry)."""
        return reverse("live:entry", kwargs={"pk": self.coverage.article_id, "entry_pk": self.pk})


class LiveEntryChange(models.Model):
    """The record of an entry's edits and deletion: who, when, and the text as it was before."""

    class Action(models.TextChoices):
        EDIT = "edit", _("Edited")
        DELETE = "delete", _("Deleted")
        PUBLISH = "publish", _("Published")
        PIN = "pin", _("Pinned")
        UNPIN = "unpin", _("Unpinned")

    entry = models.ForeignKey(LiveEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = person_foreign_key(_("by"))
    headline_before = models.CharField(_("headline before"), max_length=200, blank=True)
    body_before = models.TextField(_("text before"), blank=True)

    class Meta:
        verbose_name = _("entry change")
        verbose_name_plural = _("entry changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.entry}"

    @property
    def text_before(self) -> str:
        """The text before without markup, entities read: the desk's page escapes it once itself."""
        return body_words(self.body_before)


class AlertQuerySet(models.QuerySet):
    def current(self):
        """Return the alerts readers see now: not yet expired, linking to a story readers may see."""
        return self.filter(expires_at__gt=timezone.now(), article__in=Article.objects.published())


def two_hours_from_now():
    return timezone.now() + ALERT_LIFETIME


class Alert(models.Model):
    class Level(models.TextChoices):
        BREAKING = "breaking", _("Breaking")
        DEVELOPING = "developing", _("Developing")

    headline = models.CharField(_("headline"), max_length=110)
    article = models.ForeignKey(Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="alerts")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BREAKING)
    domains = models.ManyToManyField(
        "domains.Domain", verbose_name=_("sites"), blank=True, related_name="alerts",
        help_text=_("Leave empty to show it on every site."),
    )
    sections = models.ManyToManyField(
        Section, verbose_name=_("sections"), blank=True, related_name="alerts",
        help_text=_("Leave empty to show it on every page; otherwise only on these sections' pages and stories."),
    )
    expires_at = models.DateTimeField(
        _("expires"), default=two_hours_from_now,
        help_text=_("Required: the banner disappears at this moment (two hours from now by default)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = person_foreign_key(_("created by"))

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("breaking-news alert")
        verbose_name_plural = _("breaking-news alerts")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"], name="alert_expires_idx")]

    def __str__(self):
        return self.headline

    @property
    def is_current(self) -> bool:
        return self.expires_at > timezone.now() and self.article.is_published

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.article_id, "slug": self.article.slug})


class ScheduledUpdateQuerySet(models.QuerySet):
    def open(self):
        """Return the updates neither applied nor cancelled: scheduled, or held for the editor."""
        return self.filter(applied_at__isnull=True, cancelled_at__isnull=True)

    def pending(self):
        """Return the updates still to be applied: open and not held."""
        return self.open().filter(held_at__isnull=True)

    def due(self):
        """Return the pending updates whose moment has come: readers see them from now on (live/updates.py)."""
        return self.pending().filter(publish_at__lte=timezone.now())


class ScheduledUpdate(models.Model):
    """A new version of a published story's text and lead photo, which replaces it at `publish_at`."""

    article = models.ForeignKey(Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="scheduled_updates")
    headline = models.CharField(_("headline"), max_length=200)
    standfirst = models.TextField(_("standfirst"), max_length=600, blank=True)
    body = models.TextField(_("body"), blank=True, validators=[validate_body_html], help_text=_("The story body's HTML, sanitised on save."))
    lead_photo = models.ForeignKey(
        "photos.Photo", verbose_name=_("lead photo"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    publish_at = models.DateTimeField(_("goes live at"), help_text=_("Readers see this version from this second on, on every page."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = person_foreign_key(_("by"))
    base = models.JSONField(
        _("prepared from"), default=dict, editable=False,
        help_text=_("The story's headline, standfirst, body and lead photo as the editor saw them when preparing the update."),
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    held_at = models.DateTimeField(
        _("held"), null=True, blank=True, editable=False,
        help_text=_("Not applied at its time: the story's same field was changed on the desk since it was prepared."),
    )

    objects = ScheduledUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("scheduled update")
        verbose_name_plural = _("scheduled updates")
        ordering = ["publish_at", "pk"]
        indexes = [models.Index(fields=["publish_at"], condition=Q(applied_at__isnull=True, cancelled_at__isnull=True, held_at__isnull=True), name="live_update_pending_idx")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_body_html(self.body)
        super().save(*args, **kwargs)

    @property
    def state(self) -> str:
        if self.cancelled_at:
            return _("Cancelled")
        if self.applied_at:
            return _("Applied")
        if self.held_at:
            return _("Held: the story changed")
        return _("Scheduled")


class ScheduledUpdatePhoto(PhotoInColumn):
    """A photo in the body column of a scheduled update's version of the story: the story's body photos are
    replaced by these, in order, when the update applies (live/updates.py)."""

    update = models.ForeignKey(ScheduledUpdate, verbose_name=_("scheduled update"), on_delete=models.CASCADE, related_name="photo_uses")
    photo = models.ForeignKey("photos.Photo", verbose_name=_("photo"), on_delete=models.PROTECT, related_name="+")

    class Meta(PhotoInColumn.Meta):
        verbose_name = _("photo in the body")
        verbose_name_plural = _("photos in the body (after the lead photo, in position order)")
        constraints = [models.UniqueConstraint(fields=["update", "photo"], name="updatephoto_once_per_update")]
