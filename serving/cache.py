"""Django's Redis cache backend, keeping one client object per connection pool.

Django's backend builds a new `redis.Redis` object for every command; with redis-py 8 that costs
more than the network round trip itself (a few hundred dictionary entries each time). A page served
from the cache makes two commands, so this halves the work of a hit. The clients are thread-safe
and share the same pools Django made; nothing else changes.
"""
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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
