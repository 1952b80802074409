"""Gunicorn settings for Newsroom (`make serve`, `make bench`, production). Every value reads the environment."""
import multiprocessing
import os

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# WEB_CONCURRENCY is the variable most platforms set; GUNICORN_WORKERS wins when both are given.
workers = int(os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))  # >1 switches to the gthread worker
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or ("gthread" if threads > 1 else "sync")  # empty: the default
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5  # seconds, behind a load balancer that reuses connections (gthread workers)
# Recycle workers now and then, so a slow leak can never grow a worker without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Django alone reads a forwarded scheme, and only under TRUSTED_PROXY (settings.py). gunicorn's own trust of
# X-Forwarded-Proto/-Ssl/-Protocol from loopback would let any reader forge https through Varnish, which
# passes a reader's headers on and keeps one copy of the page for everyone.
secure_scheme_headers = {}
forwarder_headers = ""  # nor SCRIPT_NAME or PATH_INFO from a header
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log (the bench)
# No query string: readers' search terms stay out of the log (secret links' tokens, in the path: newsroom/logging.py).
access_log_format = "%(m)s %(U)s %(s)s"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "newsroom"


class JSONLogger(Logger):
    """gunicorn's own lines, its messages and its access log, as JSON lines like the app's (newsroom/logging.py).

    Rather than `logconfig_dict`, which would build every request's access record even with the log off, this
    keeps gunicorn's handlers (`accesslog`, `errorlog`, reopened on USR1) and gives them the app's formatter.
    """

    def setup(self, cfg):
        from newsroom.logging import JSONFormatter  # imported once gunicorn has put the project (--chdir) on sys.path

        super().setup(cfg)
        for handler in self.error_log.handlers + self.access_log.handlers:
            handler.setFormatter(JSONFormatter())


logger_class = JSONLogger

# Without Redis every worker has its own memory cache, and a story withdrawn through one worker
# would stay cached in the others: the page cache must then be off unless there is one worker.
page_cache_switched_off = not os.environ.get("REDIS_URL") and workers > 1 and (os.environ.get("PAGE_CACHE", "").strip() or "1") == "1"
if page_cache_switched_off:
    os.environ["PAGE_CACHE"] = "0"


def on_starting(server):
    if page_cache_switched_off:
        server.log.warning("REDIS_URL is not set: page cache off (%d workers cannot share a memory cache).", workers)
