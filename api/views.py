"""The public content API, read-only, at /api/v1/ (README, "Content API"). OpenAPI 3.1 at
/api/v1/openapi.json, docs at /api/v1/docs. Keys, the anonymous switch and rate limits are the
middleware's (api/middleware.py); caching is the page cache's, as for every reader page."""
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse, QueryDict
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Path, Query
from ninja.openapi.docs import Swagger

from articles.caching import SECTIONS_TAG
from articles.models import Section
from domains.absolute_urls import absolute_url, canonical_url
from serving.tags import add as add_tags

from . import changes as change_feed
from . import cursors
from .schemas import AuthorOut, ChangePage, SectionOut, StoryOut, StoryPage, TagPage
from .stories import (
    LIST_FIELDS, STORY_FIELDS, author_dict, chosen_fields, fetch_page, fetch_story,
    filtered_stories, live_authors, live_tags, name_listing, story_dict, story_extras, tag_dict,
)


ERROR = {
    "type": "object", "required": ["detail"],
    "properties": {"detail": {
        "description": "What was refused: a sentence; for a 422, the parameters refused, as pydantic lists them.",
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
    }},
}
ERRORS = {
    "400": "A parameter the API cannot use: a cursor it did not make, an unknown field, a time without its zone.",
    "401": "An unknown or revoked key, or none where a key is needed.",
    "404": "No live story with this id (a draft, scheduled, withdrawn or expired one included).",
    "422": "A parameter of the wrong type or out of range.",
    "429": "The key's requests for this minute are spent: retry after `Retry-After` seconds.",
    "503": "The database does not answer for a moment: retry after `Retry-After` seconds.",
}


class ContentAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Document the optional key (`Authorization: Bearer <key>`, api/middleware.py checks it), and the errors
        each operation can answer with, so that a generated client knows their shape."""
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {})
        components["securitySchemes"] = {
            "apiKey": {"type": "http", "scheme": "bearer", "description": "An API key from the desk (API keys)."},
        }
        components.setdefault("schemas", {})["Error"] = ERROR
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                for code, description in ERRORS.items():
                    # 400 and 422 answer parameters; 404 a story's id.
                    if (code in ("400", "422") and operation.get("parameters")) or code in ("401", "429", "503") or (code == "404" and "{" in path):
                        operation["responses"][code] = {"description": description, "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                        }}
        schema["security"] = [{"apiKey": []}, *([{}] if settings.API_ANONYMOUS else [])]
        return schema


def read_only(view):
    """The document and the docs answer GET and HEAD, as the endpoints do: another method is the API's JSON 405
    (api/urls.py, json_not_allowed), not the document, nor the CSRF page."""
    return csrf_exempt(require_safe(view))


api = ContentAPI(
    title="Newsroom content API", version="1", urls_namespace="api",
    description="Read-only: the stories readers can see now, their sections, tags and authors, and a changes "
                "feed to stay in step. Lists are pages of a keyset cursor (`Link: rel=next`); `fields=` picks fields.",
    # Served from our own static files (the site's CSP: 'self'). No deep links: each one was a link inside the
    # operation's button, which screen readers cannot operate (WCAG 4.1.2, axe's nested-interactive).
    docs=Swagger(settings={"deepLinking": False}),
    docs_decorator=read_only,
)

Limit = Query(settings.API_PAGE_SIZE, ge=1, le=settings.API_MAX_PAGE_SIZE, description="Items per page.")
Cursor = Query(None, description="The position to continue from: take it from the `next` link.")
Fields = Query(None, description="Comma-separated fields to return, e.g. `id,headline,url` (or the parameter repeated); all when empty.")


def next_page(request, cursor: str, *, drop=()) -> str:
    """This list's URL from `cursor` on, its other parameters kept, on the caller's domain."""
    query = QueryDict(mutable=True)
    query.update(request.GET)
    for name in drop:
        query.pop(name, None)
    query["cursor"] = cursor
    return absolute_url(request, f"{request.path}?{query.urlencode()}")


def trusted(request, response: HttpResponse, data) -> HttpResponse:
    """`data` rendered as the operation's schema documents it, without pydantic checking it again: it is
    built field by field to that schema (api/stories.py), and checking 20 stories' worth cost a quarter of an
    uncached list. Encoded as ninja encodes a checked response (tests/api compare them)."""
    return api.create_response(request, data, temporal_response=response)


def link_next(response, url: str | None) -> str | None:
    """Announce the next page as `Link: <…>; rel="next"` (RFC 8288), when there is one."""
    if url:
        response["Link"] = f'<{url}>; rel="next"'
    return url


@api.get("/stories", response=StoryPage, exclude_unset=True, url_name="stories", tags=["stories"])
def stories(
    request, response: HttpResponse,
    section: str = Query(None, description="A section's slug; its subsections' stories included."),
    tag: str = Query(None, description="A tag's slug."),
    author: int = Query(None, ge=1, le=cursors.BIGGEST_ID, description="An author's id (see /authors): stories with their byline."),
    updated_since: datetime = Query(None, description="Only stories whose `updated_at` is at or after this time: published, saved, corrected or given a live entry."),
    live: bool = Query(None, description="true: only stories whose live coverage is open; false: only the others."),
    # `fields` is declared for the OpenAPI document; chosen_fields() reads all its values (a repeated parameter).
    cursor: str = Cursor, limit: int = Limit, fields: str = Fields,
):
    """The live stories, newest first."""
    chosen = chosen_fields(request, LIST_FIELDS)
    updated_since = cursors.aware(updated_since, "updated_since")
    listing = filtered_stories(request, section=section, tag=tag, author=author, updated_since=updated_since, live=live)
    if cursor:
        published_at, pk = cursors.decode(cursor, datetime, int)
        listing = listing.filter(Q(publish_at__lt=published_at) | Q(publish_at=published_at, pk__lt=pk))
    page = fetch_page(listing, chosen, limit + 1)
    name_listing(request, page[:limit], chosen)
    more = len(page) > limit
    page = page[:limit]
    next_url = link_next(response, next_page(request, cursors.encode(page[-1].publish_at, page[-1].pk)) if more else None)
    items = [story_dict(request, article, chosen) for article in page]
    return trusted(request, response, {"items": items, "next": next_url})


@api.get("/stories/{story_id}", response=StoryOut, exclude_unset=True, url_name="story", tags=["stories"])
def story(request, story_id: int = Path(..., ge=1, le=cursors.BIGGEST_ID), fields: str = Fields):
    """One live story: body HTML, photos with credits and renditions, tags in order, bylines, canonical URL.
    A draft, scheduled, withdrawn or expired story is 404, as on the site."""
    if request.path.rsplit("/", 1)[-1] != str(story_id):  # "01", "+1", "1.0": each one more page-cache key
        raise Http404("No published story here.")
    chosen = chosen_fields(request, STORY_FIELDS)
    add_tags(request, f"story-{story_id}")  # its 404 too: the story's publication purges it
    article = fetch_story(story_id)
    if article is None:
        raise Http404("No published story here.")
    return story_dict(request, article, chosen, story_extras(request, article))


@api.get("/sections", response=list[SectionOut], url_name="sections", tags=["listings"])
def sections(request):
    """Every section, in the masthead's order, parents before their children."""
    tree = Section.objects.tree()
    add_tags(request, SECTIONS_TAG)  # any section saved or deleted purges it (articles/caching.py)
    ordered = [s for root in tree.values() if root.parent_id is None for s in walk(root)]
    return [
        {"id": s.pk, "name": s.name, "slug": s.slug, "parent": s.parent_id,
         "url": canonical_url(s.get_absolute_url(), request=request)}
        for s in ordered
    ]


def walk(section):
    yield section
    for child in section.children:
        yield from walk(child)


@api.get("/tags", response=TagPage, url_name="tags", tags=["listings"])
def tags(request, response: HttpResponse, cursor: str = Cursor, limit: int = Limit):
    """The tags at least one live story carries, by slug."""
    found = live_tags(request)
    if cursor:
        (slug,) = cursors.decode(cursor, str)
        found = found.filter(slug__gt=slug)
    page = list(found[: limit + 1])
    more, page = len(page) > limit, page[:limit]
    next_url = link_next(response, next_page(request, cursors.encode(page[-1].slug)) if more else None)
    return {"items": [tag_dict(request, tag) for tag in page], "next": next_url}


@api.get("/authors", response=list[AuthorOut], url_name="authors", tags=["listings"])
def authors(request):
    """The people with a byline on a live story."""
    return [author_dict(user) for user in live_authors(request)]


@api.get("/changes", response=ChangePage, url_name="changes", tags=["sync"])
def changes(
    request, response: HttpResponse,
    since: datetime = Query(None, description="Start with the changes at or after this time; all of them when empty."),
    cursor: str = Cursor, limit: int = Limit,
):
    """Publications, updates and removals, oldest first, to keep an app's copy in step with the site.

    Start with `since` (or nothing, for everything), then follow `next` while `more` is true; keep the last
    `next` and poll it later. Changes appear once they are `API_CHANGES_SETTLE_SECONDS` old."""
    if cursor:
        position = cursors.decode(cursor, datetime, int, int)
    else:
        position = (cursors.aware(since, "since") or change_feed.BEGINNING, -1, 0)
    add_tags(request, "sitemaps", "home")  # every save readers can see purges `sitemaps`; time is the clock's
    items, more, held_back = change_feed.changes_after(position, limit)
    if held_back:
        response["Cache-Control"] = "no-cache"  # not stored anywhere: the next poll must see what settles
    next_url = next_page(request, cursors.encode(*(items[-1]["position"] if items else position)), drop=["since"])
    link_next(response, next_url if more else None)
    return {
        "items": [
            {"id": item["id"], "change": item["change"], "at": item["at"],
             "url": None if item["change"] == "removed" else absolute_url(request, reverse("api:story", kwargs={"story_id": item["id"]}))}
            for item in items
        ],
        "next": next_url,
        "more": more,
    }
