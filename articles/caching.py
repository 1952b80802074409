"""What reader pages show of stories, and what a change to a story purges (serving/tags.py and purges.py,
README "Caching").

Tags: `story-<id>` on every page that shows the story (its page, cards, feeds, related stories, its 404),
`section-<id>`, `tag-<id>`, `author-<id>`, `photo-<id>`, `agency-<id>` for what a page shows of those,
and `home`, `feeds`, `sitemaps`, `search` for the listings a publication changes.

Only what readers can see counts: a save of a story that is public neither before nor after (a draft, one
in review, a scheduled one that stays scheduled) purges nothing. A schedule that moves only moves the
clock cap; if its new moment is nearer than a cached page may live, the pages the story will join or
leave are purged now, so that no copy outlives that moment.
"""
from datetime import timedelta
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import F, Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from photos.models import Agency, Photo
from serving import clock
from serving.purges import longest_lifetime, purge

from .models import Article, ArticlePhoto, Correction, Section

SCHEDULE_FIELDS = ("status", "publish_at", "unpublish_at")
LISTINGS = ("home", "feeds", "sitemaps", "search")
# The set of sections: purged when any is made, renamed, moved or deleted. A page or list asked for by a
# section slug that names none carries it, as an unknown tag's carries `search`, which every change that
# could bring a story under a new tag name purges (a publication, a live story tagged, a tag renamed).
SECTIONS_TAG = "sections"


def card_tags(article) -> list[str]:
    """A story shown as a card: its row, its section and its lead photo with the photo's credit."""
    return [f"story-{article.pk}", f"section-{article.section_id}", *photo_tags(article.lead_photo)]


def photo_tags(photo) -> list[str]:
    """A photo with its caption and credit line, whose agency's short name it shows."""
    if photo is None:
        return []
    return [f"photo-{photo.pk}", *([f"agency-{photo.agency_id}"] if photo.agency_id else [])]


def stories_showing(photo) -> list[str]:
    """The tags of the public stories carrying `photo`, lead or in the body (photos.uses, for renditions)."""
    stories = Article.objects.published().filter(Q(lead_photo=photo) | Q(photo_uses__photo=photo))
    return [f"story-{pk}" for pk in stories.values_list("pk", flat=True).distinct()]


def story_tags(article, trail_sections, photos, authors) -> list[str]:
    """A story on its own page: the card's tags, its trail's sections and tags, bylines and body photos."""
    tags = card_tags(article) + [f"section-{section.pk}" for section in trail_sections]
    tags += [f"tag-{tag.pk}" for tag in article.ordered_tags] + [f"author-{user.pk}" for user in authors]
    return tags + [tag for photo in photos for tag in photo_tags(photo)]


def appearance_tags(article, section_id=None) -> set[str]:
    """Every page a story joins or leaves when it is published, withdrawn, moved or rescheduled."""
    sections = Section.objects.tree()
    section = sections.get(section_id or article.section_id)
    tags = {f"story-{article.pk}", *LISTINGS, *(f"section-{s.pk}" for s in section.ancestry(sections) if section)}
    tags |= {f"tag-{pk}" for pk in article.tags.values_list("pk", flat=True)}
    return tags | {f"author-{pk}" for pk in article.authors.values_list("pk", flat=True)}


def next_change(now) -> list:
    """The next publication and the next expiry after `now` (serving/clock.py), each served by an index.
    Only the gate's own methods: a scheduled story will appear, a live one with an expiry will go."""
    return [
        first(Article.objects.scheduled(now), "publish_at"),
        first(Article.objects.published(now).filter(unpublish_at__gt=now), "unpublish_at"),
    ]


def first(stories, field: str):
    """MIN(`field`) as a plain query that a UNION can hold: grouped by the status, which has one value
    under the gate's filter (no ORDER BY or LIMIT inside, which SQLite refuses)."""
    return stories.order_by().values("status").annotate(moment=Min(field)).values_list("moment")


def soon(moment) -> bool:
    """Whether `moment` comes before a page cached now would expire by itself."""
    now = timezone.now()
    return moment is not None and now < moment <= now + timedelta(seconds=longest_lifetime())


def shown_soon(article_id) -> bool:
    """Whether readers see the story now, or will before a page cached now expires."""
    article = Article.objects.filter(pk=article_id).only(*SCHEDULE_FIELDS).first()
    return article is not None and (article.is_published or (article.status == Article.Status.PUBLISHED and soon(article.publish_at)))


def remember_before(sender, instance, raw=False, **kwargs):
    instance._before = None if raw or instance.pk is None else (
        Article.objects.filter(pk=instance.pk).only(*SCHEDULE_FIELDS, "section", "lead_photo").first()
    )


def story_saved(sender, instance, raw=False, **kwargs):
    before = getattr(instance, "_before", None)
    was_public, is_public = bool(before and before.is_published), instance.is_published
    moved = before is None or any(getattr(before, name) != getattr(instance, name) for name in (*SCHEDULE_FIELDS, "section_id"))
    scheduled = Article.Status.PUBLISHED in (instance.status, getattr(before, "status", None))
    schedule_moved = moved and scheduled
    tags = {f"story-{instance.pk}", "sitemaps", "search"} if was_public or is_public else set()
    moments = [instance.publish_at, instance.unpublish_at] + ([before.publish_at, before.unpublish_at] if before else [])
    # A moment nearer than a cached copy may live: copies stored before it have stale windows it did not cap,
    # so they go hard, like a withdrawal's.
    coming = schedule_moved and any(map(soon, moments))
    if ((was_public or is_public) and moved) or coming:
        tags |= appearance_tags(instance) | (appearance_tags(instance, before.section_id) if before else set())
    if was_public and before.lead_photo_id not in (None, instance.lead_photo_id):
        photo_left(before.lead_photo_id)
    if tags or schedule_moved:
        purge(tags, hard=(was_public and not is_public) or coming, schedule=schedule_moved)


def photo_left(photo_id) -> None:
    """A photo taken off a story readers see may no longer be public: no cache serves it stale meanwhile."""
    purge([f"photo-{photo_id}"], hard=True)


def story_deleted(sender, instance, **kwargs):
    if instance.is_published or (instance.status == Article.Status.PUBLISHED and soon(instance.publish_at)):
        purge(appearance_tags(instance), hard=True, schedule=True)


def story_rows_changed(sender, instance, **kwargs):
    """A correction or body photo of a story: its pages, if readers see it."""
    if shown_soon(instance.article_id):
        purge({f"story-{instance.article_id}", "sitemaps"})


def photo_use_before(sender, instance, raw=False, **kwargs):
    instance._photo_before = None if raw or instance.pk is None else (
        ArticlePhoto.objects.filter(pk=instance.pk).values_list("photo_id", flat=True).first()
    )


def photo_use_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_photo_before", None)
    if not created and before not in (None, instance.photo_id):  # the row now shows another photo
        photo_off_story(before, instance.article_id)


def photo_use_deleted(sender, instance, **kwargs):
    photo_off_story(instance.photo_id, instance.article_id)


# What readers see of a photo, its agency's names included (the credit line). A change to it changes the public
# stories showing it as their own save would: their time of change (feeds, sitemaps, the API's changes feed).
SHOWN_PHOTO_FIELDS = ("image", "caption", "alt_text", "credit_type", "agency_id", "photographer", "released_by")
SHOWN_AGENCY_FIELDS = ("name", "short_name")
BYLINE_FIELDS = ("first_name", "last_name", "username")  # what a byline shows of a person (people.names)


# Apps above articles that show photos on a story's page (live entries) name those stories here, as a Q over
# Article per photo and per agency: a credit fixed in the library changes them too (`register_showing`).
_showing = {Photo: [], Agency: []}


def register_showing(model, showing) -> None:
    """`showing(instance)`: a Q over Article for more stories showing the photo, or the agency's photos."""
    if showing not in _showing[model]:
        _showing[model].append(showing)


def showing_photo(photo) -> Q:
    return reduce(or_, (more(photo) for more in _showing[Photo]), Q(lead_photo=photo) | Q(photo_uses__photo=photo))


def showing_agency(agency) -> Q:
    return reduce(or_, (more(agency) for more in _showing[Agency]), Q(lead_photo__agency=agency) | Q(photo_uses__photo__agency=agency))


def shown_before(fields):
    def receiver(sender, instance, raw=False, **kwargs):
        found = None if raw or instance.pk is None else sender.objects.filter(pk=instance.pk).values_list(*fields).first()
        instance._shown_before = found
    return receiver


def shown_change(instance, fields) -> bool:
    """Whether the save of a photo or agency just made changed what readers see of it (`shown_before` noted it):
    live's receiver asks too, after this module's, to renumber the entries showing it."""
    before = getattr(instance, "_shown_before", None)
    return before is not None and before != tuple(getattr(instance, name) for name in fields)


def shown_changed(fields, showing):
    """`showing(instance)`: a Q over Article for the stories showing it."""
    def receiver(sender, instance, created=False, raw=False, **kwargs):
        if not (created or raw) and shown_change(instance, fields):
            stamp(Article.objects.filter(showing(instance)))
    return receiver


def stamp(stories) -> None:
    """The public ones of `stories`, changed by something shown on them (a photo's credit, a tag's name), stamped
    as saved now, as their own save would be: lists and the API's changes feed show each story's time of change,
    and name only its lead photo, tags and bylines."""
    stamped = list(stories.published().values_list("pk", flat=True).distinct())
    if Article.objects.filter(pk__in=stamped).update(updated_at=timezone.now()):
        purge(["sitemaps", *(f"story-{pk}" for pk in stamped)])


def lock_bylined(person) -> None:
    """Lock the public stories carrying `person`'s byline, in id order, which a name's correction stamps: registered
    with people.locks, so their account's form takes them before the account's row, as a story's save takes the story
    and then (its revision naming who saved it) the account's."""
    bylined = Article.objects.filter(pk__in=Article.objects.published().filter(authors=person).values("pk"))
    list(bylined.select_for_update().order_by("pk").values_list("pk", flat=True))


def shown_before_delete(showing):
    """A tag or an account about to be deleted: note the stories carrying it (`showing`, a Q over Article), changed
    once it is gone (`stamp_shown_on`): their tags or bylines change."""
    def receiver(sender, instance, **kwargs):
        instance._shown_on = list(Article.objects.filter(showing(instance)).values_list("pk", flat=True).distinct())
    return receiver


def stamp_shown_on(sender, instance, **kwargs):
    """The public ones are stamped, as a rename stamps them. A tag's stories' version moves on too, as a merge moves
    it: a story form opened before is merged with the deletion, not saved over it (which put the tag back by name).
    Not an account's: the form's byline names an id no longer there, a form error of its own, not a colleague's save."""
    if shown_on := getattr(instance, "_shown_on", None):
        stories = Article.objects.filter(pk__in=shown_on)
        if sender is Tag:
            stories.update(version=F("version") + 1)
        stamp(stories)


def photo_off_story(photo_id, article_id) -> None:
    if Article.objects.published().filter(pk=article_id).exists():
        photo_left(photo_id)


def retagged(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Tags added to or taken from stories (taggit sends this after the search vector's own receiver)."""
    if action == "pre_clear" and not reverse:
        instance._cleared_tags = list(instance.tags.values_list("pk", flat=True))
    if not action.startswith("post_") or (reverse and model is not Article) or (not reverse and not isinstance(instance, Article)):
        return
    stories, tags = (pk_set or (), [instance.pk]) if reverse else ([instance.pk], pk_set or getattr(instance, "_cleared_tags", ()))
    stories = [pk for pk in stories if shown_soon(pk)]
    if stories:
        purge({*(f"story-{pk}" for pk in stories), *(f"tag-{pk}" for pk in tags), "search"})


def bylines_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    stories, authors = (pk_set or (), [instance.pk]) if reverse else ([instance.pk], pk_set or ())
    stories = [pk for pk in stories if shown_soon(pk)]
    if stories:
        purge({*(f"story-{pk}" for pk in stories), *(f"author-{pk}" for pk in authors)})


def section_before(sender, instance, raw=False, **kwargs):
    stored = Section.objects.filter(pk=instance.pk).values("parent_id").first() if instance.pk is not None else None
    instance._was_top = stored is not None and stored["parent_id"] is None
    instance._parent_before = stored["parent_id"] if stored else None


def moved_section_listings(section) -> list[str]:
    """A section moved to another parent: the listings of its old and new parents, and theirs up the tree,
    which show (or no longer show) its stories; and the front page, whose blocks are the top sections, when
    its stories change block (the cards there name only their own section)."""
    before, after = getattr(section, "_parent_before", None), section.parent_id
    if before == after:
        return []
    sections = Section.objects.tree()
    parents = [sections[pk] for pk in (before, after) if pk in sections]
    tops = {sections[pk].ancestry(sections)[0].pk if pk in sections else section.pk for pk in (before, after)}
    return [f"section-{s.pk}" for parent in parents for s in parent.ancestry(sections)] + (["home"] if len(tops) > 1 else [])


def named_row_changed(prefix):
    """A section, tag or author renamed: the pages that show it. Top-level sections are in every masthead."""
    def receiver(sender, instance, created=False, update_fields=None, **kwargs):
        if update_fields and set(update_fields) <= {"last_login"}:
            return  # a login changes no byline
        if created and prefix != "section":
            return  # no page shows a new tag or account before a story carries it, which purges that story
        in_masthead = isinstance(instance, Section) and (instance.parent_id is None or getattr(instance, "_was_top", False))
        also = {"tag": ["search"], "section": [SECTIONS_TAG]}.get(prefix, [])
        if prefix == "section":
            also += moved_section_listings(instance)
        purge([f"{prefix}-{instance.pk}", *(["site"] if in_masthead else []), *also])
    return receiver


def connect() -> None:
    """Called from ArticlesConfig.ready()."""
    clock.register(next_change)
    pre_save.connect(remember_before, sender=Article, dispatch_uid="caching:before")
    post_save.connect(story_saved, sender=Article, dispatch_uid="caching:story")
    post_delete.connect(story_deleted, sender=Article, dispatch_uid="caching:story-deleted")
    m2m_changed.connect(retagged, sender=TaggedItem, dispatch_uid="caching:tags")
    for model in (Correction, ArticlePhoto):
        post_save.connect(story_rows_changed, sender=model, dispatch_uid=f"caching:{model._meta.label}:save")
        post_delete.connect(story_rows_changed, sender=model, dispatch_uid=f"caching:{model._meta.label}:delete")
    pre_save.connect(photo_use_before, sender=ArticlePhoto, dispatch_uid="caching:photo-use-before")
    post_save.connect(photo_use_saved, sender=ArticlePhoto, dispatch_uid="caching:photo-use")
    post_delete.connect(photo_use_deleted, sender=ArticlePhoto, dispatch_uid="caching:photo-use-deleted")
    pre_save.connect(section_before, sender=Section, dispatch_uid="caching:section-before")
    for model, fields, showing in (
        (Photo, SHOWN_PHOTO_FIELDS, showing_photo),
        (Agency, SHOWN_AGENCY_FIELDS, showing_agency),
        (Tag, ("name", "slug"), lambda tag: Q(tags=tag)),
        (Section, ("name", "slug"), lambda section: Q(section=section)),
        (get_user_model(), BYLINE_FIELDS, lambda person: Q(authors=person)),
    ):
        pre_save.connect(shown_before(fields), sender=model, weak=False, dispatch_uid=f"caching:{model._meta.label}:before")
        post_save.connect(shown_changed(fields, showing), sender=model, weak=False, dispatch_uid=f"caching:{model._meta.label}:shown")
        if model in (Tag, get_user_model()):  # deletable while stories show them (sections, photos, agencies are protected)
            pre_delete.connect(shown_before_delete(showing), sender=model, weak=False,
                               dispatch_uid=f"caching:{model._meta.label}:before-delete")
            post_delete.connect(stamp_shown_on, sender=model, dispatch_uid=f"caching:{model._meta.label}:deleted")
    m2m_changed.connect(bylines_changed, sender=Article.authors.through, dispatch_uid="caching:bylines")
    for model, prefix in ((Tag, "tag"), (Section, "section"), (get_user_model(), "author")):
        receiver = named_row_changed(prefix)
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"caching:{prefix}:save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"caching:{prefix}:delete")
