from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
        from taggit.models import Tag, TaggedItem

        from people.locks import register_lock
        from photos import uses
        from security.plain_text import keep_plain

        from . import caching, search, tag_input
        from .models import Article, ArticlePhoto, Correction, Section
        from .models.photo_use import lock_stories_using, photos_on

        # Plain text keeps no control character (security/plain_text.py), whoever saves it.
        keep_plain(Article, "headline", "standfirst")
        keep_plain(Section, "name", "description")
        keep_plain(Tag, "name")
        keep_plain(ArticlePhoto, "caption")
        keep_plain(Correction, "text")

        pre_save.connect(tag_input.slug_every_tag, sender=Tag, dispatch_uid="slug_every_tag")
        # The search vector is derived data, like a cache: it follows every save and tag change.
        post_save.connect(search.refresh_saved_article, sender=Article, dispatch_uid="search_refresh_article")
        m2m_changed.connect(search.refresh_retagged_article, sender=TaggedItem, dispatch_uid="search_refresh_tags")
        post_save.connect(search.refresh_renamed_tag, sender=Tag, dispatch_uid="search_refresh_tag_rename")
        pre_delete.connect(search.remember_tagged_articles, sender=Tag, dispatch_uid="search_tag_delete_before")
        post_delete.connect(search.refresh_deleted_tag, sender=Tag, dispatch_uid="search_refresh_tag_delete")
        # What a change purges from the page caches, and when stories change by themselves (the clock).
        caching.connect()
        # A name corrected stamps the stories bylined: its account's form locks them first (before live's coverages).
        register_lock(caching.lock_bylined)
        # Photos know no story: tell them which photos readers see (through the gate), and which are going
        # out (the desk's rule, not the reader gate: published or scheduled, any time).
        uses.register_going_live(lambda: photos_on(Article.objects.filter(status=Article.Status.PUBLISHED)))
        uses.register_showing(caching.stories_showing)
        uses.register_lock(lock_stories_using)
