"""The real Redis the tests that need one use: the two-node test, and the cache tests run on the
production backend. Each run keeps its keys under a prefix of its own and deletes only those."""
import os
import uuid

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"


def redis_answers() -> bool:
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def new_prefix() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def forget_keys(prefix):
    """Delete this run's keys only: cache.clear() would flush the whole Redis database."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)


def redis_cache_settings(prefix) -> dict:
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
