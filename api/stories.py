"""Stories as the API shows them: every query starts from `Article.objects.published()`, and each response
names the cache tags of what it shows, exactly as the pages do (articles/caching.py)."""
import re
from operator import itemgetter

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse
from ninja.errors import HttpError
from taggit.models import Tag, TaggedItem

from articles.caching import SECTIONS_TAG, card_tags, story_tags
from articles.models import Article, Section
from domains.absolute_urls import absolute_url, canonical_url
from live.caching import LIVE_LISTING_TAG
from live.models import LiveCoverage
from people.names import person_name
from serving.tags import add as add_tags

LIST_FIELDS = (
    "id", "url", "headline", "slug", "standfirst", "section", "tags", "bylines", "published_at", "updated_at", "lead_photo",
)
STORY_FIELDS = (*LIST_FIELDS, "body", "photos", "corrections")
TAG_COLUMNS = ("id", "name", "slug")  # as Tag.from_db takes them


def chosen_fields(request, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The fields named in `fields=` ("id,headline,url", or `fields=id&fields=url` as list-writing clients send
    them: the view's own parameter holds only the last), all of them when it is empty; 400 on a stranger."""
    fields = ",".join(request.GET.getlist("fields"))
    if not fields:
        return allowed
    names = tuple(dict.fromkeys(name.strip() for name in fields.split(",") if name.strip()))
    unknown = [name for name in names if name not in allowed]
    if unknown or not names:
        raise HttpError(400, f"Unknown field(s): {', '.join(unknown) or fields!r}. Known: {', '.join(allowed)}.")
    return tuple(name for name in allowed if name in names)  # the schema's order, as pydantic writes them


def filtered_stories(request, *, section=None, tag=None, author=None, updated_since=None, live=None):
    """The live stories matching the filters, newest first; names the listing's cache tags on `request`.

    An unknown section, tag or author gives an empty list, not a 404: a 404 for a tag that no live story
    carries yet would tell it from one that does not exist, and name a scoop before its time.
    """
    stories = Article.objects.published().with_modified_at()
    add_tags(request, "home")  # every publication, withdrawal or move purges it (articles/caching.py)
    if section:
        sections = Section.objects.tree()
        found = next((s for s in sections.values() if s.slug == section), None)
        if found is None:  # a slug it had, as its page and feeds do (articles/views.py, moved_section)
            found = next((s for s in sections.values() if section in s.former_slugs), None)
            add_tags(request, SECTIONS_TAG)  # until another section takes the slug
        stories = stories.filter(section_id__in=found.descendant_ids(sections)) if found else stories.none()
        add_tags(request, f"section-{found.pk}" if found else SECTIONS_TAG)
    if tag:
        found = Tag.objects.filter(slug=tag).first() if "\x00" not in tag else None  # PostgreSQL refuses NUL
        stories = stories.with_tag(found) if found else stories.none()
        # `search`, never `tag-<pk>`: whether a tag exists must not show (a scoop's), and anything that may
        # bring a live story under it purges `search` (articles/views.py, no_story_carries).
        add_tags(request, "search")
    if author is not None:
        bylined = Article.authors.through.objects.filter(user_id=author).values("article_id")
        stories = stories.filter(pk__in=bylined)
        add_tags(request, f"author-{author}")
    if updated_since is not None:
        # Changed since: its `updated_at` (`modified_at`: published, saved, corrected or a live entry since).
        # Any change of a live story, and an entry readers see, purges `sitemaps`.
        stories = stories.filter(last_changed_at__gte=updated_since)
        add_tags(request, "sitemaps")
    if live is not None:
        covered = LiveCoverage.objects.filter(ended_at__isnull=True).values("article_id")
        stories = stories.filter(pk__in=covered) if live else stories.exclude(pk__in=covered)
        add_tags(request, LIVE_LISTING_TAG)
    return stories.order_by("-publish_at", "-pk")


class JSONList(Subquery):
    """The rows of `queryset`, whose one column `item` is a JSON object, as a JSON list: a column of the outer
    query, so a story's tags and bylines come with it, not in queries of their own. Unordered: each item
    carries its own order key."""

    template = "(SELECT COALESCE(JSONB_AGG(rows.item), '[]') FROM (%(subquery)s) rows)"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra):
        # Through a subquery SQLite forgets that `item` is JSON: JSON() says it again, or it becomes a string.
        template = "(SELECT JSON_GROUP_ARRAY(JSON(rows.item)) FROM (%(subquery)s) rows)"
        return self.as_sql(compiler, connection, template=template, **extra)


def with_tags_and_bylines(stories, fields):
    """`stories` with the tags and bylines that `fields` show, as JSON lists of the few columns shown.

    Rather than prefetches, which cost a query each and build every user and tag whole with a queryset per
    story (two fifths of the time of an uncached list of 20)."""
    if "tags" in fields:
        items = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article), object_id=OuterRef("pk"))
        tag = Tag.objects.filter(pk=OuterRef("tag_id"))
        stories = stories.annotate(tag_items=JSONList(items.values(item=JSONObject(
            order="pk", id="tag_id", name=Subquery(tag.values("name")), slug=Subquery(tag.values("slug")),
        ))))
    if "bylines" in fields:
        bylines = Article.authors.through.objects.filter(article_id=OuterRef("pk"))
        stories = stories.annotate(byline_items=JSONList(
            bylines.values(item=JSONObject(**{name: f"user__{name}" for name in byline_columns()})),
        ))
    return stories


def byline_columns() -> list[str]:
    """The user's columns a byline shows (person_name), in the order from_db takes them."""
    user = get_user_model()
    shown = {"id", "first_name", "last_name", user.USERNAME_FIELD}
    return [field.attname for field in user._meta.concrete_fields if field.attname in shown]


def unpack(article) -> None:
    """Give the story its tags (`ordered_tags`, in the trail's order) and bylines (`byline_people`, oldest
    account first) from the JSON lists fetched with it, as instances of the columns shown."""
    if hasattr(article, "tag_items"):
        tags = sorted(article.tag_items, key=itemgetter("order"))
        article.__dict__["ordered_tags"] = [Tag.from_db(None, TAG_COLUMNS, itemgetter(*TAG_COLUMNS)(tag)) for tag in tags]
    if hasattr(article, "byline_items"):
        user, columns = get_user_model(), byline_columns()
        people = sorted(article.byline_items, key=itemgetter("id"))
        article.byline_people = [user.from_db(None, columns, itemgetter(*columns)(person)) for person in people]


def fetch_page(stories, fields, size: int) -> list:
    """Up to `size` stories with what `fields` show, in one query for 2 stories or 100."""
    stories = with_tags_and_bylines(stories.select_related("section", "lead_photo__agency").defer("body", "search_vector"), fields)
    page = list(stories[:size])
    for article in page:
        unpack(article)
    return page


def fetch_story(pk: int):
    """The live story `pk`, with what its page fetches, or None."""
    stories = Article.objects.published().select_related("section", "lead_photo__agency").with_modified_at().filter(pk=pk)
    article = with_tags_and_bylines(stories, STORY_FIELDS).first()
    if article:
        unpack(article)
    return article


def name_listing(request, articles, fields) -> None:
    """The cache tags of stories shown as list items: their cards, and the tags and bylines shown."""
    tags = [tag for article in articles for tag in card_tags(article)]
    if "tags" in fields:
        tags += [f"tag-{tag.pk}" for article in articles for tag in article.ordered_tags]
    if "bylines" in fields:
        tags += [f"author-{user.pk}" for article in articles for user in article.byline_people]
    add_tags(request, *tags)


def story_extras(request, article) -> dict:
    """What only the one-story response shows: body photos and corrections; its page's cache tags named."""
    uses = list(article.photo_uses.select_related("photo__agency"))
    corrections = list(article.corrections.all()) if article.last_corrected_at else []
    sections = Section.objects.tree()
    photos = [photo for photo in (article.lead_photo, *(use.photo for use in uses)) if photo]
    add_tags(request, *story_tags(article, article.section.ancestry(sections), photos, article.byline_people))
    return {"uses": uses, "corrections": corrections}


def story_dict(request, article, fields, extras=None) -> dict:
    """The story as the API shows it: only `fields`."""
    return {name: FIELDS[name](request, article, extras) for name in fields}


SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what the `slug` path converter takes, and so needs no quoting
SLUG_MARK = "slug-mark-0"


def page_url(request, name: str, slug: str) -> str:
    """A section's or tag's page on the primary domain: reversed once per response, then the slug put in
    (a page of 20 stories names some 80 sections and tags, and each reverse() costs as much as a story's
    other fields)."""
    if not SLUG.fullmatch(slug):
        return canonical_url(reverse(name, kwargs={"slug": slug}), request=request)  # refused as reverse() refuses it
    known = request.__dict__.setdefault("api_page_urls", {})
    if name not in known:
        head, _, tail = canonical_url(reverse(name, kwargs={"slug": SLUG_MARK}), request=request).rpartition(SLUG_MARK)
        known[name] = (head, tail)
    head, tail = known[name]
    return f"{head}{slug}{tail}"


def section_ref(request, section) -> dict:
    return {"id": section.pk, "name": section.name, "slug": section.slug, "url": page_url(request, "articles:section", section.slug)}


def tag_dict(request, tag) -> dict:
    return {"id": tag.pk, "name": tag.name, "slug": tag.slug, "url": page_url(request, "articles:tag", tag.slug)}


def author_dict(user) -> dict:
    return {"id": user.pk, "name": person_name(user)}


def photo_dict(request, photo, caption: str = "") -> dict:
    """A photo with its caption, credit line and renditions on the caller's domain (a mirror stays a mirror)."""
    return {
        "id": photo.pk, "caption": caption or photo.caption, "credit": photo.credit, "alt_text": photo.alt_text,
        "width": photo.width, "height": photo.height,
        "renditions": [
            {"width": width, "height": photo.rendition_height(width),
             "jpeg": absolute_url(request, photo.rendition_url(width, "jpg")),
             "webp": absolute_url(request, photo.rendition_url(width, "webp"))}
            for width in photo.rendition_widths
        ],
    }


FIELDS = {
    "id": lambda request, article, extras: article.pk,
    "url": lambda request, article, extras: canonical_url(article.get_absolute_url(), request=request),
    "headline": lambda request, article, extras: article.headline,
    "slug": lambda request, article, extras: article.slug,
    "standfirst": lambda request, article, extras: article.standfirst,
    "section": lambda request, article, extras: section_ref(request, article.section),
    "tags": lambda request, article, extras: [tag_dict(request, tag) for tag in article.ordered_tags],
    "bylines": lambda request, article, extras: [author_dict(user) for user in article.byline_people],
    "published_at": lambda request, article, extras: article.publish_at,
    "updated_at": lambda request, article, extras: article.modified_at,
    "lead_photo": lambda request, article, extras: photo_dict(request, article.lead_photo) if article.lead_photo else None,
    # Sanitised with nh3 on every save (articles/html.py): the same HTML the story's page outputs.
    "body": lambda request, article, extras: article.body,
    "photos": lambda request, article, extras: [
        *([photo_dict(request, article.lead_photo)] if article.lead_photo else []),
        *(photo_dict(request, use.photo, use.caption) for use in extras["uses"]),
    ],
    "corrections": lambda request, article, extras: [
        {"kind": note.kind, "text": note.text, "created_at": note.created_at} for note in extras["corrections"]
    ],
}


def live_authors(request) -> list:
    """The people with a byline on a live story, oldest account first."""
    bylined = Article.authors.through.objects.filter(article__in=Article.objects.published()).values("user_id")
    authors = list(get_user_model().objects.filter(pk__in=bylined).order_by("pk"))
    # `home`: a publication or withdrawal; `authors`: a byline added to a live story (api/caching.py).
    add_tags(request, "home", "authors", *(f"author-{user.pk}" for user in authors))
    return authors


def live_tags(request):
    """The tags at least one live story carries, by slug. Retagging a live story or renaming a tag purges
    `search` (articles/caching.py), and so does every publication."""
    add_tags(request, "search")
    # EXISTS per tag, walked in slug order, stops after a page: a join over every tagged story with DISTINCT
    # read them all (70 ms against 3 ms at 10,000 stories).
    live = Article.objects.published().filter(pk=OuterRef("object_id"))
    carried = TaggedItem.objects.filter(tag=OuterRef("pk"), content_type=ContentType.objects.get_for_model(Article))
    return Tag.objects.filter(Exists(carried.filter(Exists(live)))).order_by("slug")
