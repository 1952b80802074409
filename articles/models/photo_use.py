"""A photo's uses by stories: the relation lives here, above photos, which knows no story."""
from functools import reduce
from operator import or_

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


# Apps above articles whose rows put a photo on a story's page (a live entry's photo) name those stories here, as
# a Q over Article for a queryset of photos: a photo's save locks them with the rest (`lock_stories_using`).
_more_users = []


def register_users(users) -> None:
    """`users(photos)`: a Q over Article for more stories using any of `photos`."""
    if users not in _more_users:
        _more_users.append(users)


def lock_stories_using(photos) -> None:
    """Lock the rows of the stories that use any of `photos`, in id order, in one query, as a publication locks
    its story before its photos (photos.uses asks for it: a photo's form and save take these before the photo's
    own row). One query for every kind of use: two batches, each in id order, could still cross."""
    using = reduce(or_, (more(photos) for more in _more_users), Q(lead_photo__in=photos) | Q(photo_uses__photo__in=photos))
    stories = Article.objects.filter(pk__in=Article.objects.filter(using).values("pk"))
    list(stories.select_for_update().order_by("pk").values_list("pk", flat=True))
