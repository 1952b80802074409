import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from people.fields import person_foreign_key

from . import credits, uses
from .images import detected_extension, rendition_height, rendition_widths


class Agency(models.Model):
    name = models.CharField(_("full name"), max_length=150, help_text=_("E.g. “Agence France-Presse”."))
    short_name = models.CharField(
        _("short name"), max_length=30, unique=True,
        help_text=_("The name used in credit lines, e.g. “AFP” in “(AFP photo)”."),
    )
    is_active = models.BooleanField(
        _("active"), default=True,
        help_text=_("Untick when the newsroom no longer has a contract: it is no longer offered for new photos."),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["short_name"]

    def __str__(self):
        return f"{self.short_name} — {self.name}"

    def clean(self):
        # Its names are in every credit line of its photos (and their JSON-LD): one of invisible characters alone
        # (a zero-width space pasted over "AFP") would leave every published photo of the agency uncredited.
        if errors := {name: _("Write a name that shows: this one holds no visible character.")
                      for name in ("short_name", "name") if not credits.visible(getattr(self, name))}:
            raise ValidationError(errors)


def original_upload_to(photo, filename):
    """Name a stored original by a random id and the format read from its bytes.

    The uploader's file name is never used: no path parts, no `.htaccess.jpg`, no double extension.
    """
    return f"photos/originals/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{detected_extension(photo.image.file)}"


class PhotoQuerySet(models.QuerySet):
    def in_articles_going_live(self):
        """Return the photos on a story that is published or scheduled (status published, any time).
        Whether readers may see a photo now: `uses.shown_on(photo)`."""
        return self.filter(uses.going_live())


class Photo(models.Model):
    class CreditType(models.TextChoices):
        AGENCY = credits.AGENCY, _("Agency photo")
        VIA_AGENCY = credits.VIA_AGENCY, _("Handout distributed by an agency")
        STAFF = credits.STAFF, _("Staff photographer")
        OTHER = credits.OTHER, _("Freelance or other")

    image = models.FileField(
        _("image"), upload_to=original_upload_to, max_length=200,
        help_text=_("JPEG, PNG, WebP or GIF. Readers never get this file: they get resized copies without metadata."),
    )
    caption = models.TextField(
        _("caption"), max_length=1000, blank=True,
        help_text=_("Who, what, where and when. The credit is added after it automatically: don't type it."),
    )
    alt_text = models.CharField(
        _("alt text"), max_length=300, blank=True,
        help_text=_("What the picture shows, for readers who cannot see it. Required before publication."),
    )
    credit_type = models.CharField(
        _("credit type"), max_length=20, choices=CreditType.choices, blank=True,
        help_text=_("Required before publication. A handout released by a ministry and distributed by AFP is “Handout distributed by an agency”."),
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT, related_name="photos",
        help_text=_("For agency photos and handouts: the agency the picture came through."),
    )
    photographer = models.CharField(
        _("photographer"), max_length=150, blank=True,
        help_text=_("Required for staff and freelance photos; optional for agency photos."),
    )
    released_by = models.CharField(
        _("released by"), max_length=150, blank=True,
        help_text=_("For handouts: who released the picture, e.g. “Turkish Defence Ministry”. Say so in the caption too."),
    )
    taken_on = models.DateField(_("date taken"), null=True, blank=True)
    width = models.PositiveIntegerField(_("width"), editable=False, help_text=_("In pixels, upright."))
    height = models.PositiveIntegerField(_("height"), editable=False, help_text=_("In pixels, upright."))
    uploaded_by = person_foreign_key(_("uploaded by"), blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at", "-pk"]
        permissions = [("view_credit_report", _("Can view the agency credit report"))]

    def __str__(self):
        return Truncator(self.caption).chars(60) or _("Photo %(pk)s") % {"pk": self.pk}

    def clean(self):
        required = {
            self.CreditType.AGENCY: ["agency"],
            self.CreditType.VIA_AGENCY: ["agency", "released_by"],
            self.CreditType.STAFF: ["photographer"],
            self.CreditType.OTHER: ["photographer"],
        }.get(self.credit_type, [])
        missing = {
            name: _("Required for the credit type “%(type)s”.") % {"type": self.get_credit_type_display()}
            for name in required
            if not getattr(self, name if name != "agency" else "agency_id")
        }
        if missing:
            raise ValidationError(missing)

    @property
    def credit(self) -> str:
        """The credit line, e.g. "(AFP photo)" or "(Via AFP)"; empty while the credit is incomplete."""
        return credits.credit_line(
            credit_type=self.credit_type,
            agency=self.agency.short_name if self.agency_id else "",
            photographer=self.photographer,
        )

    def publication_problems(self) -> list[str]:
        """Return what stops a story carrying this photo from being published (empty: nothing)."""
        problems = []
        if not self.credit:
            problems.append(_("a credit"))
        if not credits.visible(self.alt_text):
            problems.append(_("alt text"))
        return problems

    # Renditions -------------------------------------------------------------------------------
    @property
    def rendition_widths(self) -> list[int]:
        return rendition_widths(self.width)

    def rendition_height(self, width: int) -> int:
        return rendition_height(self.width, self.height, width)

    def rendition_url(self, width: int, extension: str) -> str:
        # The version changes when the image is replaced, so caches never serve the old picture.
        return f"{self.renditions_path}{width}.{extension}?v={self.version}"

    @cached_property
    def renditions_path(self) -> str:
        """The path every rendition's name follows ("/photos/12/"): reversed once per photo, not once per
        rendition, as a listing's cards name ten renditions each."""
        sample = reverse("photos:rendition", kwargs={"pk": self.pk, "width": 1, "extension": "jpg"})
        return sample.removesuffix("1.jpg")

    @property
    def version(self) -> str:
        return self.image.name.rsplit("/", 1)[-1].split(".", 1)[0][:12]

    def srcset(self, extension: str) -> str:
        return ", ".join(f"{self.rendition_url(width, extension)} {width}w" for width in self.rendition_widths)

    @property
    def srcset_webp(self) -> str:
        return self.srcset("webp")

    @property
    def srcset_jpeg(self) -> str:
        return self.srcset("jpg")

    @property
    def fallback_url(self) -> str:
        """The JPEG for browsers without srcset: the 800-pixel rendition, or the largest below it."""
        widths = self.rendition_widths
        return self.rendition_url(max([w for w in widths if w <= 800] or widths[:1]), "jpg")

    @property
    def thumbnail_url(self) -> str:
        return self.rendition_url(self.rendition_widths[0], "webp")
