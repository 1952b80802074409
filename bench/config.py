"""The bench's settings, read from the environment once, and the environment its servers run with."""
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
DURATION = int(os.environ.get("BENCH_DURATION", "4"))  # seconds of wrk per page and round
CHURN_DURATION = int(os.environ.get("BENCH_CHURN_DURATION", "10"))  # the rows with an editor at work
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PROBE = "home, while a scheduled story goes live"
PROBE_DURATION = 10  # the home page's load while the lag probe's story is scheduled and goes live
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8180"))  # gunicorn with the app's cache (Redis)
VARNISH_PORT = int(os.environ.get("BENCH_VARNISH_PORT", str(PORT + 1)))  # Varnish in front of it
NOCACHE_PORT = int(os.environ.get("BENCH_NOCACHE_PORT", str(PORT + 2)))  # gunicorn with every cache a DummyCache
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
KEY_PREFIX = "bench"
RESULTS = ROOT / "bench" / "results.md"
CHURN_SLUG = "bench-"  # every story the bench itself writes (lag probe, drafts, publications) starts so
LAG_SLUG = "bench-lag-probe"
# Bump when seed_bench changes what it seeds: a database seeded by an older version is made afresh.
SEED_VERSION = 3  # 2: photos, credits and agencies; 3: search vectors, as saves fill them
SEED_MARK = f"newsroom bench seed v{SEED_VERSION}"

APP = f"http://127.0.0.1:{PORT}"
VARNISH = f"http://127.0.0.1:{VARNISH_PORT}"
NOCACHE = f"http://127.0.0.1:{NOCACHE_PORT}"

# The app's environment: gunicorn's and this process's alike, so that a save made here runs the app's cache
# and purge logic exactly as on the desk (same database, same Redis and key prefix, purges sent to Varnish).
ENV = {
    **{key: value for key, value in os.environ.items()
       if key not in {"DEBUG", "PAGE_CACHE", "CACHE_BACKEND", "DOMAIN_CACHE_SECONDS", "FRONT_CACHES"}},
    "DJANGO_SETTINGS_MODULE": "bench.settings",  # the project's, and the bare ceiling view
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": KEY_PREFIX,
    "FRONT_CACHES": VARNISH + "/",
    "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING",
    "MEDIA_ROOT": str(ROOT / "bench" / "media"),  # the seeded photos' originals, beside newsroom_bench
}
# "Nothing cached": every Django cache a DummyCache, the domain list read from the database at every request.
NOCACHE_ENV = {**ENV, "CACHE_BACKEND": "dummy", "DOMAIN_CACHE_SECONDS": "0", "FRONT_CACHES": ""}


def say(message=""):
    print(message, flush=True)
