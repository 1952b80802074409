"""The story budget: assignments ("budget lines"), kept apart from scheduling, and the desks' calendar feeds."""
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticlePhoto, Section
from articles.secret_links import SecretLink, SecretLinkQuerySet
from times.desk import zoned


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        """Return the assignments still in play: not spiked."""
        return self.exclude(status=Assignment.Status.SPIKED)

    def late(self):
        """Return the assignments past their due time and not filed yet."""
        return self.filter(due_at__lt=timezone.now(), status__in=Assignment.NOT_FILED)

    def without_art(self):
        """Return the assignments that need a photo and whose story (if any) has none."""
        has_body_photo = Exists(ArticlePhoto.objects.filter(article=OuterRef("story")))
        return self.filter(art=Assignment.Art.PHOTO).filter(
            Q(story__isnull=True) | (Q(story__lead_photo__isnull=True) & ~has_body_photo)
        )

    def for_board(self):
        """With each line's desk, people and story, and whether readers can see the story (`status_shown`)."""
        public = Exists(Article.objects.published().filter(pk=OuterRef("story_id")))
        return self.select_related("desk", "editor", "story").prefetch_related("assignees").annotate(story_public=public)

    def of_desk(self, desk: Section):
        """Return the assignments of `desk` and of every desk below it (News holds Politics), as its pages do."""
        return self.filter(desk_id__in=desk.descendant_ids(Section.objects.tree()))

    def of(self, user):
        """Return the assignments `user` is on."""
        return self.filter(assignees=user)


class Assignment(models.Model):
    """A budget line: a story the desk plans, who writes it, when it is due and when it should go out."""

    class Status(models.TextChoices):
        PITCHED = "pitched", _("Pitched")
        ASSIGNED = "assigned", _("Assigned")
        FILED = "filed", _("Filed")
        READY = "ready", _("Ready")
        PUBLISHED = "published", _("Published")
        SPIKED = "spiked", _("Spiked")

    class Art(models.TextChoices):
        PHOTO = "photo", _("Photo")
        NONE = "none", _("None")

    NOT_FILED = (Status.PITCHED, Status.ASSIGNED)

    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True,
                            help_text=_("The desk's short name for it: “port-strike”, “liman-grevi”, “grève-du-port”."))
    working_headline = models.CharField(_("working headline"), max_length=200)
    desk = models.ForeignKey(Section, verbose_name=_("desk"), on_delete=models.PROTECT, related_name="assignments")
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("assignees"), blank=True, related_name="assignments",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("editor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="edited_assignments",
    )
    due_at = models.DateTimeField(_("due"), help_text=_("When the copy is due on the desk."))
    publish_from = models.DateTimeField(_("planned publication from"), null=True, blank=True)
    publish_until = models.DateTimeField(
        _("planned publication until"), null=True, blank=True,
        help_text=_("A plan, not a schedule: the story's own publication time decides when it goes out."),
    )
    target_words = models.PositiveIntegerField(_("target length (words)"), null=True, blank=True)
    art = models.CharField(_("art needed"), max_length=10, choices=Art.choices, default=Art.PHOTO)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PITCHED, db_index=True)
    notes = models.TextField(_("notes"), blank=True)
    # One story per assignment and one assignment per story.
    story = models.OneToOneField(
        Article, verbose_name=_("story"), null=True, blank=True, on_delete=models.SET_NULL, related_name="assignment",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)  # the calendar's DTSTAMP: when it was last revised

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["desk", "due_at"], name="assignment_desk_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_until__isnull=True) | Q(publish_from__isnull=True) | Q(publish_until__gte=models.F("publish_from")),
                name="assignment_window_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.slug}: {self.working_headline}"

    def clean(self):
        """The window's order, said on its end (the constraint below holds it in the database too)."""
        if self.publish_from and self.publish_until and self.publish_until < self.publish_from:
            raise ValidationError({"publish_until": _("The planned window must end after it starts (%(start)s).")
                                   % {"start": zoned(self.publish_from, "D j M H:i")}})

    def get_absolute_url(self):
        return reverse("admin:planning_assignment_change", args=[self.pk])

    @property
    def is_late(self) -> bool:
        return self.status in self.NOT_FILED and self.due_at < timezone.now()

    @property
    def planned_window(self) -> str:
        """Say the planned publication window in the newsroom's zone: "Tue 24 Nov 16:00 CET–18:00 CET", "by 16:00 CET";
        "" for none.

        The end's day is said when it is not the day the window starts on (or, with no start, the day it is due).
        """
        if self.publish_until is None:
            return zoned(self.publish_from, "D j M H:i") if self.publish_from else ""
        start, end = timezone.localtime(self.publish_from or self.due_at), timezone.localtime(self.publish_until)
        until = zoned(end, "H:i" if end.date() == start.date() else "D j M H:i")
        if self.publish_from is None:
            return _("by %(time)s") % {"time": until}
        return f"{zoned(start, 'D j M H:i')}–{until}"

    @property
    def status_shown(self) -> str:
        """The status as the board and the calendar say it. A line is *published* once its story is, scheduled for
        later included (the story's own status): until readers can see the story, it says when they will, and once
        the story has expired, that it is off the site. Read from `for_board()`, which asks the public gate."""
        if self.status != self.Status.PUBLISHED or self.story is None or getattr(self, "story_public", True):
            return self.get_status_display()
        if self.story.publish_at and self.story.publish_at > timezone.now():
            return _("Scheduled for %(time)s") % {"time": zoned(self.story.publish_at, "D j M H:i")}
        return _("Off the site")

    @property
    def lacks_art(self) -> bool:
        """The instance twin of `without_art()`: a photo is needed and the story carries none."""
        if self.art != self.Art.PHOTO:
            return False
        story = self.story
        return story is None or (story.lead_photo_id is None and not story.photo_uses.exists())


def new_calendar_key():
    return secrets.token_urlsafe(32)


class CalendarFeed(SecretLink):
    """A secret iCal address for one desk's assignments, for calendar apps that cannot log in. Revocable."""

    salt = "planning.calendar-feed"

    desk = models.ForeignKey(Section, verbose_name=_("desk"), on_delete=models.CASCADE, related_name="calendar_feeds")
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_calendar_key, editable=False)

    objects = SecretLinkQuerySet.as_manager()

    class Meta(SecretLink.Meta):
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return _("Calendar of the %(desk)s desk") % {"desk": self.desk}

    def get_absolute_url(self):
        return reverse("planning:calendar", kwargs={"token": self.token})

    @classmethod
    def active_for_token(cls, token: str):
        """Return the live feed behind `token`, or None if it is altered or revoked."""
        return cls.objects.active().select_related("desk").for_token(token)
