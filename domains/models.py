from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .hosts import clean_domain_hostname, validate_domain_hostname


class Domain(models.Model):
    """A host name readers reach the newsroom on: the primary one, or an alternate (a mirror)."""

    class Mode(models.TextChoices):
        SERVE = "serve", _("Serve the site")
        REDIRECT = "redirect", _("Redirect to the primary domain")

    hostname = models.CharField(
        _("host name"), max_length=253, unique=True, validators=[validate_domain_hostname],
        help_text=_(
            "The address without http:// or a port, like mirror1.newsroom.example. Stored in lower case; "
            "readers may type it in any case, with a port or a trailing dot."
        ),
    )
    label = models.CharField(
        _("label"), max_length=100, blank=True,
        help_text=_("A note for the desk: who the mirror is for, who runs it."),
    )
    is_primary = models.BooleanField(
        _("primary"), default=False,
        help_text=_(
            "The address search engines and shared links use (canonical URLs). Exactly one domain is "
            "primary: ticking this makes this domain the primary one and the current primary an alternate."
        ),
    )
    is_active = models.BooleanField(
        _("active"), default=True,
        help_text=_("Untick to stop answering on this address within seconds, on every server."),
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=Mode.choices, default=Mode.SERVE,
        help_text=_(
            "A retired mirror can redirect every address to the same page on the primary domain "
            "(a permanent redirect that keeps the query string)."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the footer's list of alternate addresses; lower first."),
    )

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["-is_primary", "position", "hostname"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_primary"], condition=Q(is_primary=True), name="domain_single_primary",
                violation_error_message=_("There is already a primary domain."),
            ),
            models.CheckConstraint(
                condition=Q(is_primary=False) | Q(is_active=True, mode="serve"),
                name="domain_primary_active_and_serving",
                violation_error_message=_("The primary domain must be active and serve the site."),
            ),
        ]

    def __str__(self):
        return self.hostname

    def save(self, *args, **kwargs):
        # One spelling in the database, whatever the caller typed (the form has already said so).
        self.hostname = clean_domain_hostname(self.hostname)
        super().save(*args, **kwargs)

    @property
    def redirects(self) -> bool:
        return self.mode == self.Mode.REDIRECT and not self.is_primary


class SiteSettings(models.Model):
    """The newsroom's name and its links to other platforms: one row, edited by site admins."""

    SINGLETON_PK = 1

    site_name = models.CharField(
        _("site name"), max_length=100, blank=True,
        help_text=_("Shown in the masthead, page titles and footer. Empty: the SITE_NAME setting."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "SiteSettings":
        settings_row, _created = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
        return settings_row


class PlatformLink(models.Model):
    """A link to the newsroom on another platform (a TV app, a messaging channel), listed in the footer."""

    site = models.ForeignKey(
        SiteSettings, verbose_name=_("site"), on_delete=models.CASCADE, related_name="platform_links",
        default=SiteSettings.SINGLETON_PK,
    )
    label = models.CharField(_("label"), max_length=100, help_text=_("What readers see, like “TV app”."))
    url = models.URLField(
        _("address"), max_length=500, validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The full address, starting with https://."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Lower comes first."))

    class Meta:
        verbose_name = _("platform link")
        verbose_name_plural = _("platform links")
        ordering = ["position", "label"]

    def __str__(self):
        return self.label
