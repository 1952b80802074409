"""Corrections and updates: dated notes under a published story."""
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from people.fields import person_foreign_key

from .article import Article


class Correction(models.Model):
    """A dated note an editor adds to a published story: a correction of a fact, or an update."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION,
        help_text=_("A correction fixes something the story got wrong; an update adds what happened since."),
    )
    text = models.TextField(
        _("text"), max_length=2000,
        help_text=_("Plain text, shown under the story with its date: say what was wrong and what is right."),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    created_by = person_foreign_key(_("added by"), blank=True, editable=False)

    class Meta:
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        ordering = ["created_at", "pk"]

    def __str__(self):
        when = date_format(timezone.localtime(self.created_at), "j M Y H:i")
        return f"{self.get_kind_display()}, {when}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"

