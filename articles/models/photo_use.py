"""A photo's uses by stories: the relation lives here, above photos, which knows no story."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from photos.models import Photo

from .article import Article


class PhotoInColumn(models.Model):
    """A photo placed in a body column, after the lead photo, in `position` order: a story's, or that of a
    scheduled update's version of it (live.ScheduledUpdatePhoto)."""

    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Lower comes first."))
    caption = models.TextField(
        _("caption for this story"), max_length=1000, blank=True,
        help_text=_("Optional: replaces the library caption in this story only. The credit is still added."),
    )

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        return str(self.photo)

    @property
    def display_caption(self) -> str:
        return self.caption or self.photo.caption


class ArticlePhoto(PhotoInColumn):
    """A photo placed in a story's body column, after the lead photo, in `position` order."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="photo_uses")
    # PROTECT: a photo in a story cannot vanish from the library and silently leave a gap in the story.
    photo = models.ForeignKey(Photo, verbose_name=_("photo"), on_delete=models.PROTECT, related_name="article_uses")

    class Meta(PhotoInColumn.Meta):
        db_table = "photos_articlephoto"  # made by the photos app, where the model lived until 0009
        verbose_name = _("photo in the story")
        verbose_name_plural = _("photos in the story")
        constraints = [models.UniqueConstraint(fields=["article", "photo"], name="articlephoto_once_per_article")]


def photos_on(stories) -> Q:
    """A Q for the photos `stories` carry, as the lead photo or in the body (photos.uses asks for it)."""
    return Q(pk__in=stories.filter(lead_photo__isnull=False).values("lead_photo")) | Q(
        pk__in=ArticlePhoto.objects.filter(article__in=stories).values("photo")
    )


def lock_stories_using(photo) -> None:
    """Lock the rows of the stories that use `photo`, in id order, as a publication locks its story before
    its photos (photos.uses asks for it: a photo's form takes these before the photo's own row)."""
    using = Article.objects.filter(Q(lead_photo=photo) | Q(photo_uses__photo=photo)).values("pk")
    list(Article.objects.select_for_update().filter(pk__in=using).order_by("pk").values_list("pk", flat=True))

