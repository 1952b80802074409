"""A front cache named without its scheme stops the site at start, naming FRONT_CACHES, instead of losing purges."""
from tests.helpers import manage



def manage_check(**env):
    return manage("check", SECRET_KEY="a-real-key", **env)


def test_a_front_cache_without_its_scheme_is_refused_at_start():
    """`varnish-1.internal` killed the purge thread at its first purge (urllib refuses it before sending), and with
    it the purges queued for the other, well-named, front caches, /healthz still saying ok: a withdrawn story stayed in
    every Varnish its whole s-maxage. `host:port` failed every purge of its own."""
    for entry in ("varnish-1.internal", "varnish-1.internal:6081"):
        result = manage_check(FRONT_CACHES=f"http://varnish-2.internal:6081/,{entry}")
        assert result.returncode != 0, entry
        assert "FRONT_CACHES" in result.stderr and entry in result.stderr


def test_front_caches_given_as_urls_start():
    assert manage_check(FRONT_CACHES="http://varnish-1.internal:6081/,https://varnish-2.internal/").returncode == 0
