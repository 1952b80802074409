"""A REDIS_URL an operator wrote wrong stops the site at start, naming the variable, not at every request."""
from tests.helpers import manage



def manage_check(**env):
    return manage("check", SECRET_KEY="a-real-key", **env)


def test_a_redis_url_without_its_scheme_is_refused_at_start():
    """`host:port`, as redis-cli and hosting panels show it, made every page and /healthz a 500, while the
    checks said nothing: the site refuses it at start, naming REDIS_URL and the form it takes."""
    result = manage_check(REDIS_URL="127.0.0.1:6379")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr
    assert "redis://" in result.stderr


def test_a_redis_url_with_its_scheme_starts():
    for url in ("redis://127.0.0.1:6379/0", "rediss://cache.internal:6380/0", "unix:///run/redis/redis.sock"):
        assert manage_check(REDIS_URL=url).returncode == 0, url
