from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = _("Live coverage and alerts")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save, pre_delete

        from articles import extensions
        from articles.caching import BYLINE_FIELDS, SHOWN_AGENCY_FIELDS, SHOWN_PHOTO_FIELDS
        from articles.models import Article
        from articles.models.photo_use import register_users
        from articles.reports import register_usage
        from people.locks import register_lock
        from photos import uses
        from photos.models import Agency, Photo
        from security.plain_text import keep_plain

        from . import caching, page, services
        from .alerts import alert_banner, end_alerts_losing_their_last_target
        from .models import Alert, LiveEntry, ScheduledUpdate, ScheduledUpdatePhoto

        keep_plain(LiveEntry, "headline")
        keep_plain(Alert, "headline")
        keep_plain(ScheduledUpdate, "headline", "standfirst")
        keep_plain(ScheduledUpdatePhoto, "caption")

        caching.connect()
        # The story's page shows its coverage; the coverage row comes in the story's own query.
        # Its newest entry is a change of the story's page: dateModified, article:modified_time, sitemaps' lastmod.
        # Under the masthead of every reader page: the breaking-news alerts.
        extensions.register(select_related=("live_coverage",), part=page.story_part, changed_at=page.last_entry_at,
                            banner=alert_banner)
        end_alerts_losing_their_last_target()
        # A photo on an entry readers may read is public, like one on a public story.
        uses.register_showing(caching.stories_showing)
        uses.register_going_live(caching.photos_going_out)
        # A story's deletion deletes its entries, then its coverage: it takes the story's row, then the coverage's,
        # as every change of an entry takes the coverage's first (services.lock), so none of them can deadlock.
        pre_delete.connect(services.lock_coverage_of, sender=Article, dispatch_uid="live:story-deleted")
        # A photo's save (its form, its agency's) locks the stories using it, these with the rest, then their
        # coverages, then the photo: an entry's change takes the coverage, then the photo. Its change readers see
        # renumbers the entries showing it, so open pages fetch them again (after articles' receiver stamps the stories).
        register_users(services.stories_using)
        register_usage(services.agency_photos_out)  # the agency credit report counts entries' photos too
        uses.register_lock(services.lock_coverages_using)
        for model, fields, photos in (
            (Photo, SHOWN_PHOTO_FIELDS, lambda photo: Photo.objects.filter(pk=photo.pk)),
            (Agency, SHOWN_AGENCY_FIELDS, lambda agency: Photo.objects.filter(agency=agency)),
        ):
            post_save.connect(services.renumber_entries_showing(fields, photos), sender=model, weak=False,
                              dispatch_uid=f"live:{model._meta.label}:renumber")
        # An entry shows its author's name: a name corrected renumbers theirs too, their coverages locked first.
        register_lock(services.lock_coverages_by)
        post_save.connect(services.renumber_entries_by(BYLINE_FIELDS), sender=get_user_model(), weak=False,
                          dispatch_uid="live:author:renumber")
