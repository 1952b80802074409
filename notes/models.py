"""Editorial notes on a story: threads anchored to a field (and to a quoted passage), with mentions.

Notes are for the desk only. Nothing public reads this app: reader pages, feeds, search and the API
know nothing of it; the only way out is a preview link whose editor chose to show them (`SharedPreview`).
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section
from people.fields import person_foreign_key


class NoteQuerySet(models.QuerySet):
    def threads(self):
        """Return the first notes of threads (replies hang under them)."""
        return self.filter(parent__isnull=True)

    def unresolved(self):
        return self.threads().filter(resolved_at__isnull=True)

    def blocking(self):
        """Return the notes that stop their story's publication: blocking and not resolved."""
        return self.unresolved().filter(is_blocking=True)

    def mentioning(self, user):
        """Return the notes that mention `user`, by name or through a desk they are on."""
        desks = DeskMember.objects.filter(user=user).values("desk")
        return self.filter(Q(mentions__user=user) | Q(mentions__desk__in=desks)).distinct()


class Note(models.Model):
    """A note on a story, or (with a parent) a reply in its thread."""

    class Field(models.TextChoices):
        HEADLINE = "headline", _("Headline")
        STANDFIRST = "standfirst", _("Standfirst")
        BODY = "body", _("Body")

    RICH_FIELDS = {Field.BODY}

    article = models.ForeignKey(Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="notes")
    parent = models.ForeignKey(
        "self", verbose_name=_("reply to"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies",
    )
    author = person_foreign_key(_("author"))
    text = models.TextField(_("note"), max_length=5000)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices, blank=True)
    # The anchor, in the field's plain text (notes/anchors.py); kept up to date as the story is edited.
    quote = models.TextField(_("quoted passage"), blank=True, max_length=1000)
    prefix = models.CharField(_("text before"), max_length=64, blank=True)
    suffix = models.CharField(_("text after"), max_length=64, blank=True)
    position = models.PositiveIntegerField(_("position"), null=True, blank=True)
    is_detached = models.BooleanField(
        _("detached"), default=False, help_text=_("The quoted passage is no longer in the text."),
    )
    is_blocking = models.BooleanField(
        _("blocking"), default=False, help_text=_("The story cannot be published until this note is resolved."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = person_foreign_key(_("resolved by"), blank=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "resolved_at"], name="note_article_open_idx")]

    def __str__(self):
        return self.text[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class NoteMention(models.Model):
    """A person or a desk named with @ in a note."""

    note = models.ForeignKey(Note, verbose_name=_("note"), on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="note_mentions",
    )
    desk = models.ForeignKey(
        Section, verbose_name=_("desk"), null=True, blank=True, on_delete=models.CASCADE, related_name="note_mentions",
    )

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, desk__isnull=True) | Q(user__isnull=True, desk__isnull=False),
                name="mention_names_a_person_or_a_desk",
            ),
        ]

    def __str__(self):
        return f"@{self.user or self.desk}"


class DeskMember(models.Model):
    """Who is on a desk (a section): an @mention of the desk reaches them."""

    desk = models.ForeignKey(Section, verbose_name=_("desk"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="desk_memberships",
    )

    class Meta:
        verbose_name = _("desk member")
        verbose_name_plural = _("desk members")
        ordering = ["desk", "user"]
        constraints = [models.UniqueConstraint(fields=["desk", "user"], name="deskmember_once")]

    def __str__(self):
        return f"{self.user} · {self.desk}"


class SharedPreview(models.Model):
    """A preview link whose holder may read the story's notes, because its editor ticked the box.

    The link itself is the desk's (desk.PreviewLink, a layer above): it is named here by its key, so
    the preview page asks this app, and no migration of the desk's is needed.
    """

    preview_key = models.CharField(_("preview link key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("preview link showing notes")
        verbose_name_plural = _("preview links showing notes")

    def __str__(self):
        return self.preview_key[:8]
