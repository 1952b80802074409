"""The domain list, cached twice: in Django's cache (Redis, shared by every app server) and in each process.

A request never queries the database for its host in steady state. Each process keeps the table for at
most DOMAIN_CACHE_SECONDS, then asks the shared cache; the shared cache holds it under a generation
number that every save or delete of a domain, the site settings or a platform link increments (see
signals.py). So a mirror added or switched off on one server is live on every server within seconds.
"""
import contextvars
import logging
import time
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache

from serving.frontcache import CACHE_ERRORS
from serving.purges import next_count
from serving.tags import count

from .models import Domain, PlatformLink, SiteSettings

logger = logging.getLogger(__name__)

# Bump the "v1" when the cached payload changes shape, so a deploy never reads an older server's rows.
GENERATION_KEY = "domains:v1:generation"
TABLE_KEY = "domains:v1:table:{generation}"
TABLE_TIMEOUT = 24 * 60 * 60  # a safety net only: a new generation makes old tables unreachable at once

DOMAIN_FIELDS = ["id", "hostname", "label", "is_primary", "is_active", "mode", "position"]
LINK_FIELDS = ["id", "site_id", "label", "url", "position"]


@dataclass
class DomainTable:
    """The active domains, the site's name and its platform links, as one process sees them."""

    domains: list[Domain]
    platform_links: list[PlatformLink]
    stored_site_name: str = ""
    # The shared generation it was read under (None: read from the database with the cache down).
    generation: int | None = None
    by_hostname: dict[str, Domain] = field(init=False)
    primary: Domain | None = field(init=False)

    def __post_init__(self):
        self.by_hostname = {domain.hostname: domain for domain in self.domains}
        self.primary = next((domain for domain in self.domains if domain.is_primary), None)

    @property
    def site_name(self) -> str:
        return self.stored_site_name or settings.SITE_NAME

    @property
    def alternates(self) -> list[Domain]:
        """The mirrors readers may use, in footer order (redirecting ones only lead to the primary)."""
        return [domain for domain in self.domains if not domain.is_primary and domain.mode == Domain.Mode.SERVE]

    @classmethod
    def from_payload(cls, payload: dict, generation: int | None = None) -> "DomainTable":
        return cls(
            domains=[Domain.from_db("default", DOMAIN_FIELDS, row) for row in payload["domains"]],
            platform_links=[PlatformLink.from_db("default", LINK_FIELDS, row) for row in payload["platform_links"]],
            stored_site_name=payload["site_name"],
            generation=generation,
        )


def read_database() -> dict:
    """Return the table as plain values (2 queries): what the shared cache stores. The site's name comes with
    its platform links, one row per link (one row of NULLs with none; no row before the site is first saved)."""
    site = list(
        SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK)
        .order_by("platform_links__position", "platform_links__label")
        .values_list("site_name", *(f"platform_links__{name}" for name in LINK_FIELDS))
    )
    return {
        "domains": list(
            Domain.objects.filter(is_active=True).order_by("position", "hostname").values_list(*DOMAIN_FIELDS)
        ),
        "platform_links": [link for _name, *link in site if link[0] is not None],
        "site_name": site[0][0] if site else "",
    }


def load_shared_table() -> DomainTable:
    generation = None
    try:
        # Counted from the clock, not 1: an evicted count must never lead back to an old table.
        generation = count(cache, GENERATION_KEY) or 0
        key = TABLE_KEY.format(generation=generation)
        payload = cache.get(key)
        if payload is None:
            payload = read_database()
            # Without REDIS_URL the "shared" cache is each process's memory, which no other worker's
            # save can reach: keep the table there no longer than the per-process copy.
            cache.set(key, payload, timeout=TABLE_TIMEOUT if settings.REDIS_URL else settings.DOMAIN_CACHE_SECONDS)
    except CACHE_ERRORS:
        # The shared cache is down: the host check must still answer, from the database itself.
        logger.warning("Shared cache unreachable: reading the domain list from the database.")
        generation, payload = None, read_database()
    return DomainTable.from_payload(payload, generation)


class ProcessCopy(NamedTuple):
    """This process's copy of the table, and when it was loaded (time.time())."""

    loaded_at: float
    table: DomainTable


_process_copy: ProcessCopy | None = None
# The table a request started with (domains.middleware): every part of one page reads the same one, once.
request_table: contextvars.ContextVar[DomainTable | None] = contextvars.ContextVar("request_table", default=None)


def domain_table() -> DomainTable:
    """Return the domain table, from this process's copy while it is younger than DOMAIN_CACHE_SECONDS."""
    global _process_copy
    table = request_table.get()
    if table is not None:
        return table
    now = time.time()
    copy = _process_copy
    if copy is not None and copy.loaded_at <= now < copy.loaded_at + settings.DOMAIN_CACHE_SECONDS:
        return copy.table
    table = load_shared_table()
    _process_copy = ProcessCopy(now, table)
    return table


def bump_generation() -> None:
    """Make every process's next look in the shared cache miss, so it reads the database again."""
    try:
        next_count(cache, GENERATION_KEY)
    except ValueError:
        pass  # a cache that keeps nothing (DummyCache): no table is kept in it either
    except CACHE_ERRORS:
        # The save itself stands; other servers see it once their copy (or the shared table) expires.
        logger.error("Shared cache unreachable: other app servers keep their domain list until it expires.")


def forget_process_copy() -> None:
    global _process_copy
    _process_copy = None


def invalidate() -> None:
    """Drop the cached domain table here and, through the shared generation, on every app server."""
    bump_generation()
    forget_process_copy()
