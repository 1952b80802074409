"""Secret links: addresses that open one thing to whoever holds them, without a login, until revoked.

The desk's preview links (desk.PreviewLink) and the planning desk's calendar feeds (planning.CalendarFeed)
are both one; the base lives here, the lowest app both may import. It holds no story.
"""
from django.core import signing
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.fields import person_foreign_key


class SecretLinkQuerySet(models.QuerySet):
    def active(self):
        """Return the links that still work: not revoked."""
        return self.filter(revoked_at__isnull=True)

    def for_token(self, token: str):
        """Return the link behind `token` among these, or None; an altered token is refused without a query."""
        try:
            key = signing.Signer(salt=self.model.salt).unsign(token)
        except signing.BadSignature:
            return None
        return self.filter(key=key).first()


class SecretLink(models.Model):
    """The part every secret link shares. A subclass declares its `key` field (its default is named in its
    migrations) and the `salt` its tokens are signed with."""

    salt: str

    created_by = person_foreign_key(_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = person_foreign_key(_("revoked by"), blank=True, editable=False)  # who cut it: asked after a leak

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def token(self) -> str:
        # The random key is unguessable on its own; signing it with SECRET_KEY as well means an altered
        # token is refused before the database is asked, and rotating the key voids every link.
        return signing.Signer(salt=self.salt).sign(self.key)

    def revoke(self, *, by) -> None:
        """Stop the link working from now on; one revoked already keeps its first time and who revoked it. Asked
        of the row as stored now, under its lock: a colleague's revocation committed after this copy was read is
        kept, not stamped over."""
        with transaction.atomic():
            stored = type(self)._default_manager.select_for_update().filter(pk=self.pk).values_list(
                "revoked_at", "revoked_by").first()
            if stored is not None and stored[0] is not None:
                self.revoked_at, self.revoked_by_id = stored
                return
            if self.revoked_at is None:
                self.revoked_at, self.revoked_by = timezone.now(), by
                self.save(update_fields=["revoked_at", "revoked_by"])
