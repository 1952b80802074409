"""The stories' queries: the one gate for readers (`published()`), the desk's and the listings' selections."""
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models import Case, Exists, F, Max, OuterRef, Prefetch, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, Greatest, RowNumber
from django.utils import timezone
from taggit.models import TaggedItem

from .. import extensions


def bylines_prefetch() -> Prefetch:
    """Prefetch the bylines in a stable order (oldest account first), the same on every surface.

    A plain prefetch of the many-to-many has no ORDER BY, so PostgreSQL may return the names in any order.
    """
    return Prefetch("authors", queryset=get_user_model().objects.order_by("pk"))


def latest_of(*moments):
    """The latest of `moments` that are there (NULL if none is): PostgreSQL's GREATEST() skips a NULL, SQLite's is
    NULL if one is."""
    if len(moments) == 1:
        return moments[0]
    return Greatest(*(Coalesce(moment, *(other for other in moments if other is not moment)) for moment in moments))


def removals() -> list:
    """The latest moment a save or a delete took a story off the site, one subquery per app that records it."""
    return [Subquery(left_at()) for left_at in extensions.left]


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Return the articles a reader may see now (or at `now`), on any domain and any surface."""
        now = now or timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__lte=now).filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )

    def scheduled(self, now=None):
        """Return published articles whose publication time is still to come (after `now`)."""
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__gt=now or timezone.now())

    def expired(self):
        """Return published articles whose expiry time has passed."""
        return self.filter(status=self.model.Status.PUBLISHED, unpublish_at__lte=timezone.now())

    def went_out_between(self, since, until):
        """Return the stories that went public in [since, until): expired ones included (they went
        out), scheduled ones not yet (they haven't). For the desk's reports, not for readers."""
        return self.filter(
            status=self.model.Status.PUBLISHED, publish_at__gte=since, publish_at__lt=until, publish_at__lte=timezone.now(),
        )

    def for_listing(self):
        """Fetch what a listing card shows up front, so a page costs the same for 3 or 300 stories."""
        return self.select_related("section", "lead_photo__agency").order_by("-publish_at", "-pk")

    def latest_per_root_section(self, per_section: int, sections: dict) -> dict:
        """Return {root section: the ids of its newest stories, newest first}, subsections included, in
        one query. Ids: the front page shows them as cards kept as page parts (articles/cards.py).

        `sections` is `Section.objects.tree()`; each story counts towards its top-level section.
        """
        root_of = {pk: section.root(sections).pk for pk, section in sections.items()}
        if not root_of:
            return {}
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            newest = self._latest_per_root_by_union(per_section, sections)
        else:
            newest = self._latest_per_root_by_window(per_section, root_of)
        grouped = {}
        for pk, root_pk, _publish_at in sorted(newest, key=lambda row: (row[2], row[0]), reverse=True):
            grouped.setdefault(root_pk, []).append(pk)
        return {
            section: grouped[section.pk]
            for section in sections.values()
            if section.parent_id is None and section.pk in grouped
        }

    def _latest_per_root_by_union(self, per_section, sections):
        """One `LIMIT n` select per top-level section, UNION ALL-ed: each reads a few index rows
        (PostgreSQL), where a window over every published story reads them all."""
        roots = [section for section in sections.values() if section.parent_id is None]
        parts = [
            self.filter(section_id__in=root.descendant_ids(sections))
            .order_by("-publish_at", "-pk")
            .annotate(root_section=Value(root.pk, output_field=models.IntegerField()))
            .values_list("pk", "root_section", "publish_at")[:per_section]
            for root in roots
        ]
        if not parts:  # no top-level section: a parent cycle stored before the desk refused one
            return []
        return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

    def _latest_per_root_by_window(self, per_section, root_of):
        root = Case(*(When(section_id=pk, then=Value(root_pk)) for pk, root_pk in root_of.items()),
                    output_field=models.IntegerField())
        return (
            self.annotate(root_section=root)
            .annotate(rank=Window(RowNumber(), partition_by=F("root_section"), order_by=[F("publish_at").desc(), F("pk").desc()]))
            .filter(rank__lte=per_section)
            .values_list("pk", "root_section", "publish_at")
        )

    def with_tag(self, tag):
        """Return the stories carrying `tag`.

        A subquery rather than taggit's join (`filter(tags=tag)`): the join compares taggit's integer
        `object_id` with our bigint id through a cast no index serves, and on a tag that a third of
        100,000 stories carry it reads them all before it can sort (150 ms against 7 ms here).
        """
        tagged = TaggedItem.objects.filter(
            tag=tag, content_type__app_label=self.model._meta.app_label, content_type__model=self.model._meta.model_name,
        )
        return self.filter(pk__in=tagged.values("object_id"))

    def by_author(self, user):
        """Return the stories `user` created or carries a byline on (a subquery, so no duplicates)."""
        bylined = self.model.authors.through.objects.filter(user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=bylined))

    def with_bylines(self):
        return self.prefetch_related(bylines_prefetch())

    def with_modified_at(self):
        """Fetch each story's latest correction time, and the moments apps above articles changed its page
        (`extensions.changed_at`: live entries), up front, so `modified_at` costs no query."""
        from .correction import Correction  # it points at Article, so it is defined after it

        latest = Correction.objects.filter(article=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
        stories = self.annotate(last_corrected_at=Subquery(latest), **extensions.changed_annotations())
        # `modified_at` in SQL, to filter and order by (the API's updated_since and changes feed). SQLite's MAX()
        # of a NULL is NULL, where PostgreSQL's GREATEST() skips it: a moment not there counts as the last save.
        later = [Coalesce(name, "updated_at") for name in ("last_corrected_at", *extensions.changed_names())]
        return stories.annotate(last_changed_at=Greatest("updated_at", "publish_at", *later))

    def latest_modified_at(self, *, left=False):
        """The latest `modified_at` of these stories, in one aggregate query (a sitemap index's lastmod); with `left`,
        the latest moment a story left the site instead, if later (`left_site_at`)."""
        stories = self if "last_changed_at" in self.query.annotations else self.with_modified_at()
        return stories.aggregate(latest=latest_of(Max("last_changed_at"), *(self.left_site_at() if left else [])))["latest"]

    def left_site_at(self) -> list:
        """Subqueries for the latest moment a story left readers' sight anywhere on the site: an expiry (`expired()`),
        or a save or delete that took one off (`extensions.left_at`: withdrawn, put back in the schedule, deleted).

        A listing is dated at the latest of this and its newest story's date: one whose newest story leaves moves
        forward, where it went back to the story before and readers and crawlers holding the newer date took it as
        unchanged. Site-wide, not the listing's own: each is one step down an index whatever the site's size, where
        a listing's own scanned every removal (100 ms a feed, 1.4 s the sitemap index, on 500,000 stories). A
        listing may so move forward for a story that left another, which costs a needless fetch, never a missed one."""
        expired = self.model._default_manager.expired().order_by("-unpublish_at").values("unpublish_at")[:1]
        return [Subquery(expired), *removals()]

    def latest_left_at(self):
        """The latest moment a story left the site (`left_site_at`), or None, in one query (a feed's date)."""
        return self.model._default_manager.expired().aggregate(latest=latest_of(Max("unpublish_at"), *removals()))["latest"]

    def related_to(self, article):
        """Return the stories sharing a tag with `article`, itself left out: one query, no duplicates.

        Chain it on `published()`; the newest come first (the for_listing() order).
        """
        # EXISTS per candidate, newest first, stops after a handful of rows; an IN over every story that
        # shares a popular tag read thousands (50 ms against 8 ms on 10,000 stories). The story's tag ids
        # (read once for its trail) and the content type id (cached by Django) go in as values: a join
        # with django_content_type makes PostgreSQL give up the index, and subqueries cost planning time.
        tag_ids = [tag.pk for tag in article.ordered_tags]
        if not tag_ids:
            return self.none()
        shares_a_tag = TaggedItem.objects.filter(
            content_type_id=ContentType.objects.get_for_model(self.model).pk, object_id=OuterRef("pk"), tag_id__in=tag_ids,
        )
        return self.filter(Exists(shares_a_tag)).exclude(pk=article.pk)
