"""TRUSTED_PROXY is a count: a word in its place stops the start, naming it, instead of trusting no proxy."""
from tests.helpers import manage as manage_with



def manage(*args, **env):
    return manage_with(*args, unset=["TRUSTED_PROXY"], SECRET_KEY="a-real-key", **env)


def test_a_word_for_trusted_proxy_is_refused_at_start():
    """`TRUSTED_PROXY=true` was read as 0: behind the TLS balancer with HTTPS=1 every reader page redirected to
    itself for ever, and every failed login counted against the balancer's address, locking out the whole desk."""
    for value in ("true", "yes", "-1"):
        result = manage("check", TRUSTED_PROXY=value)
        assert result.returncode != 0, value
        assert "TRUSTED_PROXY" in result.stderr, value


def test_trusted_proxy_reads_a_count_or_empty():
    script = "from django.conf import settings; print(settings.TRUSTED_PROXY)"
    assert manage("shell", "-v", "0", "-c", script, TRUSTED_PROXY="2").stdout.strip() == "2"
    assert manage("shell", "-v", "0", "-c", script, TRUSTED_PROXY="").stdout.strip() == "0"
