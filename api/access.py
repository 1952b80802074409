"""Who is calling the API, and whether their key has requests left this minute (api/middleware.py).

A key's row is kept in the shared cache for a minute (a save or delete of the key marks it changed at once,
api/caching.py, and for that minute it is read from the database); its count of requests is a cache counter per key and minute, which Redis increments
atomically for every app server alike.
"""
import math
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches

from serving.frontcache import CACHE_ERRORS

from .models import ApiKey, hash_token

WINDOW = 60  # seconds: limits are requests per minute
KEY_CACHE_SECONDS = 60
CHANGED = "changed"  # in a key's cache entry: ask the database


class Budget(NamedTuple):
    limit: int
    remaining: int
    reset: int  # seconds until the window ends
    exceeded: bool


def bearer_token(request) -> str | None:
    """The key from `Authorization: Bearer <key>`; None when the request carries none.

    Only the Authorization header, never a query parameter or another header: front caches (Varnish, CDNs)
    pass requests that carry it, so a keyed request always reaches the app and its limit."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def key_cache_key(key_hash: str) -> str:
    return f"api:key:{key_hash}"


def find_key(token: str) -> ApiKey | None:
    """The active key whose hash matches `token`, or None. With the cache down, the database answers alone."""
    key_hash = hash_token(token)
    try:
        key = cache().get(key_cache_key(key_hash))
    except CACHE_ERRORS:
        return ApiKey.objects.filter(key_hash=key_hash, is_active=True).first()
    if key is None or key == CHANGED:
        found = ApiKey.objects.filter(key_hash=key_hash, is_active=True).first()
        if key is None and found is not None:  # unknown tokens are not kept: made-up keys must not fill the cache
            # `add`, never `set`: a change committed since the read above has left CHANGED, which stays.
            cache().add(key_cache_key(key_hash), found, timeout=KEY_CACHE_SECONDS)
        key = found
    return key


def forget_key(key_hash: str) -> None:
    """A key changed (revoked, limited anew, deleted): every server reads it from the database for as long as
    a copy read before the change could still be on its way into the cache."""
    cache().set(key_cache_key(key_hash), CHANGED, timeout=KEY_CACHE_SECONDS)


def spend(key: ApiKey, *, now: float | None = None) -> Budget:
    """Count one request against `key` in the current minute and say what is left."""
    now = time.time() if now is None else now
    window = int(now // WINDOW)
    counter = f"api:rate:{key.pk}:{window}"
    store = cache()
    store.add(counter, 0, timeout=WINDOW + 1)
    try:
        used = store.incr(counter)
    except ValueError:  # evicted between add and incr
        store.set(counter, 1, timeout=WINDOW + 1)
        used = 1
    limit = key.requests_per_minute
    reset = max(1, math.ceil((window + 1) * WINDOW - now))
    return Budget(limit=limit, remaining=max(0, limit - used), reset=reset, exceeded=used > limit)


def rate_limit_headers(response, budget: Budget) -> None:
    """IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the policy and what is left."""
    response["RateLimit-Policy"] = f'"per-key";q={budget.limit};w={WINDOW}'
    response["RateLimit"] = f'"per-key";r={budget.remaining};t={budget.reset}'
