"""The Redis cache backend reuses its client objects instead of building one per command."""
from serving.cache import RedisCache


def test_one_client_object_serves_every_command():
    backend = RedisCache("redis://127.0.0.1:1/0", {})  # nothing is sent: building a client does not connect
    client = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is client
    assert backend._cache.get_client("c", write=True) is client
