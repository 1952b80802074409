"""The desk's records: each workflow transition of a story, and the preview links sent outside."""
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticlePhoto
from articles.secret_links import SecretLink, SecretLinkQuerySet
from people.fields import person_foreign_key
from times.desk import desk_time

# Carries a preview link's token to the photo renditions of its story (desk.views.preview).
PREVIEW_COOKIE = "newsroom_preview"


class ArticleTransition(models.Model):
    """One step of a story through the workflow: who moved it, when, from which status to which."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status.choices)
    by = person_foreign_key(_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    publish_at = models.DateTimeField(
        _("publication time"), null=True, blank=True,
        help_text=_("For a publication: the time the story was set to go live."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("article transition")
        verbose_name_plural = _("article transitions")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["article", "-at"], name="transition_article_at_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.get_from_status_display()} → {self.get_to_status_display()}"


def new_preview_key():
    return secrets.token_urlsafe(32)


class PreviewLinkQuerySet(SecretLinkQuerySet):
    def active(self):
        """Return the links that still open their story now: not revoked, not expired."""
        return super().active().filter(expires_at__gt=timezone.now())


class PreviewLink(SecretLink):
    """A secret, expiring, revocable address that shows one unpublished story to someone without a login."""

    salt = "desk.preview-link"

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_preview_key, editable=False)
    expires_at = models.DateTimeField(_("expires"))

    objects = PreviewLinkQuerySet.as_manager()

    class Meta(SecretLink.Meta):
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        expires = desk_time(self.expires_at)
        return _("Preview of “%(article)s” until %(expires)s") % {"article": self.article, "expires": expires}

    def get_absolute_url(self):
        return reverse("desk:preview", kwargs={"token": self.token})

    @classmethod
    def active_for_token(cls, token: str):
        """Return the active link behind `token`, or None if it is altered, expired or revoked, or its story was
        withdrawn: taken off the site (for a legal check, say), it leaves the hands of those holding its links too."""
        return (
            cls.objects.active().exclude(article__status=Article.Status.WITHDRAWN)
            .select_related("article__section", "article__lead_photo__agency")
            .prefetch_related(
                "article__authors",
                Prefetch("article__photo_uses", queryset=ArticlePhoto.objects.select_related("photo__agency")),
            )
            .for_token(token)
        )

    def shows_photo(self, photo) -> bool:
        """Whether the previewed story carries `photo`, as its lead or in its body column."""
        article = self.article
        return article.lead_photo_id == photo.pk or any(use.photo_id == photo.pk for use in article.photo_uses.all())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


def previewed_through_link(request, photo) -> bool:
    """Whether the request holds a live preview link to a story that carries `photo`."""
    token = request.COOKIES.get(PREVIEW_COOKIE)
    link = PreviewLink.active_for_token(token) if token else None
    return link is not None and link.shows_photo(photo)


class AutosavedCopy(models.Model):
    """The story form as someone last had it on screen, kept by the desk every few seconds while it changes.

    A private copy, one per person and story form (each form opened gets a key): it never changes
    the story, its version, its revisions or anything public. Saving the story removes the saved form's.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, verbose_name=_("article"), null=True, blank=True, on_delete=models.CASCADE, related_name="autosaved_copies",
        help_text=_("Empty for a story that was never saved."),
    )
    form_key = models.CharField(
        _("form"), max_length=32, blank=True, default="",
        help_text=_("The form it is written in: two open at once keep two copies."),
    )
    data = models.JSONField(_("form data"), help_text=_("The form's fields as posted: each name with its list of values."))
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("autosaved copy")
        verbose_name_plural = _("autosaved copies")
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "article", "form_key"], name="autosave_one_per_story_form"),
            models.UniqueConstraint(
                fields=["user", "form_key"], condition=models.Q(article__isnull=True), name="autosave_one_per_new_story_form",
            ),
        ]

    def __str__(self):
        return _("Unsaved text of “%(article)s” by %(user)s") % {"article": self.article or _("a new story"), "user": self.user}
