"""API keys: who may call the content API past the anonymous allowance, and how often."""
import hashlib
import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.fields import person_foreign_key

TOKEN_PREFIX = "nr_"


def hash_token(token: str) -> str:
    """The stored form of a key: SHA-256 of a 256-bit random token (no salt or stretching is needed for
    a random token, unlike a password), so the database never holds a usable key."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiKey(models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_("Who holds the key: “TV app”, “Partner: Example Radio”."))
    prefix = models.CharField(
        _("starts with"), max_length=12, editable=False,
        help_text=_("The key's first characters, to recognise it; the rest is never stored."),
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Empty: the API_RATE_LIMIT setting. Past it, the holder gets 429 until the minute ends. "
                    "To stop a key, untick “active”."),
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Untick to revoke the key at once."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = person_foreign_key(_("created by"), blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def requests_per_minute(self) -> int:
        return self.rate_limit or settings.API_RATE_LIMIT

    def issue_token(self) -> str:
        """Give the key a new random token and return it: it is shown once and only its hash is kept."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.key_hash, self.prefix = hash_token(token), token[:10]
        return token


class Removal(models.Model):
    """A live story taken off the site by a save (withdrawn, moved back into the schedule) or deleted: the
    changes feed's record of it (api/changes.py). Expiry needs no record: the story keeps its expiry time."""

    article_id = models.BigIntegerField(_("article id"), db_index=True)  # no key: a deleted story leaves it
    removed_at = models.DateTimeField(_("removed"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("removal from the site")
        verbose_name_plural = _("removals from the site")
        ordering = ["removed_at", "pk"]

    def __str__(self):
        return f"Story {self.article_id} removed at {self.removed_at:%Y-%m-%d %H:%M:%S}"
