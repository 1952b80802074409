"""What the API returns, as OpenAPI documents it. Story fields are all optional: `fields=` picks them, and
a response carries exactly the fields asked for (the operations use `exclude_unset`)."""
from datetime import datetime
from typing import Literal

from ninja import Field, Schema


class SectionOut(Schema):
    id: int
    name: str
    slug: str
    parent: int | None = Field(description="The parent section's id; null for a top-level section.")
    url: str = Field(description="The section's page on the primary domain.")


class SectionRef(Schema):
    id: int
    name: str
    slug: str
    url: str


class TagOut(Schema):
    id: int
    name: str
    slug: str
    url: str = Field(description="The tag's page on the primary domain.")


class AuthorOut(Schema):
    id: int
    name: str = Field(description="The full name as bylines show it (the username when the desk has no name).")


class Rendition(Schema):
    width: int
    height: int
    jpeg: str
    webp: str


class PhotoOut(Schema):
    id: int
    caption: str = Field(description="The caption, this story's own when it has one.")
    credit: str = Field(description="The credit line as pages show it after the caption: “(AFP photo)”, “(Via AFP)”.")
    alt_text: str
    width: int
    height: int
    renditions: list[Rendition] = Field(description="Metadata-free copies on the caller's domain, narrowest first.")


class CorrectionOut(Schema):
    kind: Literal["correction", "update"]
    text: str
    created_at: datetime


class StoryOut(Schema):
    id: int = None
    url: str = Field(None, description="The story's canonical address, on the primary domain.")
    headline: str = None
    slug: str = None
    standfirst: str = None
    section: SectionRef = None
    tags: list[TagOut] = Field(None, description="In the order of the trail above the headline.")
    bylines: list[AuthorOut] = None
    published_at: datetime = None
    updated_at: datetime = Field(None, description="The last save, correction or update note.")
    lead_photo: PhotoOut | None = None
    body: str = Field(None, description="The body HTML as pages show it, sanitised on save (one story only).")
    photos: list[PhotoOut] = Field(None, description="The lead photo, then the body photos in order (one story only).")
    corrections: list[CorrectionOut] = Field(None, description="Dated corrections and updates (one story only).")


class StoryPage(Schema):
    items: list[StoryOut]
    next: str | None = Field(description="The next page (also sent as `Link: <…>; rel=\"next\"`); null on the last.")


class TagPage(Schema):
    items: list[TagOut]
    next: str | None


class Change(Schema):
    id: int = Field(description="The story's id.")
    change: Literal["published", "updated", "removed"] = Field(
        description="`removed`: withdrawn, expired, moved back into the schedule or deleted; drop it. No content is sent.",
    )
    at: datetime
    url: str | None = Field(description="The story in this API; null for a removal.")


class ChangePage(Schema):
    items: list[Change]
    next: str = Field(description="Where to continue: at once when `more` is true, later to poll for new changes.")
    more: bool
