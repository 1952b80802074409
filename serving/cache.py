"""Django's Redis cache backend, keeping one client object per connection pool, and a lazy `get_many`.

Django's backend builds a new `redis.Redis` object for every command; with redis-py 8 that costs
more than the network round trip itself (a few hundred dictionary entries each time), and a page
served from the cache makes one command. The clients are thread-safe
and share the same pools Django made; nothing else changes.

`get_many_lazily` reads many keys in one round trip but decodes a value only when it is asked for:
the page cache reads a page's entry with the generations, and its parts too when it expects to render
(serving/pagecache.py); what the request turns out not to need is never unpickled.
"""
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class LazyValues:
    """The values found for a set of keys read together; each is decoded the first time it is asked for."""

    def __init__(self, keys: Iterable[str], found: dict[str, Any], decode: Callable[[bytes], Any] | None = None):
        self.keys = frozenset(keys)  # every key that was read, found or not
        self._found = found
        self._decode = decode
        self._decoded = {}

    def get(self, key: str, default=None):
        if key not in self._found:
            return default
        if self._decode is None:
            return self._found[key]
        if key not in self._decoded:
            self._decoded[key] = self._decode(self._found[key])
        return self._decoded[key]


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def get_many_lazily(self, keys: list[str]) -> LazyValues:
        # make_key, not make_and_validate_key: the validation only warns about keys memcached would
        # refuse, and costs a Python loop over every character of every key.
        raw = self._cache.get_client(None).mget([self.make_key(key) for key in keys])
        found = {key: value for key, value in zip(keys, raw) if value is not None}
        return LazyValues(keys, found, self._cache._serializer.loads)


def get_many_lazily(cache: BaseCache, keys: list[str]) -> LazyValues:
    """Read `keys` in one round trip; with our Redis backend, values are decoded only when used."""
    if isinstance(cache, RedisCache):
        return cache.get_many_lazily(keys)
    return LazyValues(keys, cache.get_many(keys))
