import logging

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import frontcache
from .tags import shared_cache

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers() -> bool:
    cache = shared_cache()
    cache.set("healthz", "ok", timeout=10)
    return cache.get("healthz") == "ok"


def static_answers() -> bool:
    """Whether this server's collected static files are there: without their manifest every page is a 500. Each app
    server has its own STATIC_ROOT, and the manifest is read once, at start."""
    return not isinstance(staticfiles_storage, ManifestFilesMixin) or bool(staticfiles_storage.hashed_files)


@never_cache
@require_safe
def healthz(request):
    """Answer 200 when the database and the cache answer and the static files are collected, 503 when one does not
    (for load balancers).

    Front caches whose last purge failed are listed under "front_caches", with what went wrong, until a
    purge succeeds; they don't make the answer 503: an app server is no less able to serve for it. Anyone may
    ask: a front cache is named by its place in FRONT_CACHES ("front cache 1"), not by its address, which the
    log gives.
    """
    checks = {}
    for name, probe in [("database", database_answers), ("cache", cache_answers), ("static", static_answers)]:
        try:
            checks[name] = "ok" if probe() else "failing"
        except Exception as error:  # any failure is the answer here; the log keeps the detail
            logger.warning("Health check: %s is failing: %s", name, error)
            checks[name] = "failing"
    healthy = all(state == "ok" for state in checks.values())
    try:
        failing = frontcache.failing()
    except frontcache.CACHE_ERRORS:
        failing = {}
    checks["front_caches"] = {
        f"front cache {number}": f"purge failing: {failing[url]}"
        for number, url in enumerate(settings.FRONT_CACHES, 1) if url in failing
    } or "ok"
    return JsonResponse({"status": "ok" if healthy else "failing", **checks}, status=200 if healthy else 503)
