"""Purges sent to the front caches (Varnish with xkey, or any cache that takes the same request).

Each process has one sender thread: a save hands it the tags and returns at once, so no desk action
waits on a slow or dead front cache. The thread sends `PURGE /` with the tags in `xkey-purge` (and
`xkey-soft: 1` unless the batch takes something off the site) to every URL in FRONT_CACHES, retrying with
growing pauses. A hard purge is sent again after FRONT_CACHE_REPEATS seconds: a page rendered before the change
and still on its way would otherwise be stored after it. A purge that still fails is logged, and /healthz says so
until one succeeds; one refused (a 4xx but 408, 425 and 429: this server not allowed to purge) is logged as an
error at once and not sent again. A process that exits (a script, `manage.py shell`, a recycled worker) first sends
what it still holds, for a few seconds at most.
"""
import atexit
import itertools
import logging
import os
import queue
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings

from .tags import shared_cache

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a runtime dependency
    RedisError = OSError

logger = logging.getLogger(__name__)
CACHE_ERRORS = (OSError, RedisError)  # what an unreachable cache raises; programming errors still surface
# What the last purge of a front cache met, when it failed: one key per URL, for /healthz. Forgotten after a
# week without a purge to that URL, so a front cache taken out of FRONT_CACHES leaves no record behind.
FAILING_KEY = "serving:front-cache-failing:"
FAILING_SECONDS = 7 * 24 * 3600
EXIT_SECONDS = 5  # the most an exiting process waits for its last purges
STOP = None  # put in the queue at exit, after the last purge
HEADER_BYTES = 4000  # the most tags one purge request names, in bytes (header_sized)
# A refusal that sending again cannot change: logged as an error at once, not retried.
REFUSED = frozenset(range(400, 500)) - {408, 425, 429}


def header_sized(tags: list[str]) -> list[list[str]]:
    """`tags` in batches whose `xkey-purge` header stays under HEADER_BYTES: Varnish refuses a longer one
    (HTTP 400 past about 8 kB), and so the whole purge. An agency renamed names every story showing its photos."""
    batches, batch, size = [], [], 0
    for tag in tags:
        if batch and size + len(tag) + 1 > HEADER_BYTES:
            batches.append(batch)
            batch, size = [], 0
        batch.append(tag)
        size += len(tag) + 1
    return [*batches, batch] if batch else batches


class Sender:
    def __init__(self):
        self.queue, self.thread, self.pid = queue.SimpleQueue(), None, None
        self.lock, self.numbers = threading.Lock(), itertools.count()
        self.retries = {}  # number -> (purge, its timer): the purges waiting to be sent again
        self.exiting, self.sending = False, None

    def send(self, tags: list[str], *, hard: bool) -> None:
        if not settings.FRONT_CACHES:
            return
        if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
            # Started on first use, and again in a forked worker: threads do not survive a fork.
            self.queue, self.pid, self.retries = queue.SimpleQueue(), os.getpid(), {}
            self.thread = threading.Thread(target=self.run, name="front-cache-purges", daemon=True)
            self.thread.start()
        for batch in header_sized(tags):
            for url in settings.FRONT_CACHES:
                self.queue.put((url, batch, hard, 0))
                for delay in settings.FRONT_CACHE_REPEATS if hard else ():
                    # A page rendered before the change and still on its way lands after the purge, which only
                    # reaches what the front cache holds: sent again once renders in flight have landed.
                    self.later((url, batch, hard, 0), delay)

    def later(self, purge, delay: float) -> None:
        """Put `purge` in the queue after `delay` seconds (drain() sends it at once at exit)."""
        number = next(self.numbers)
        timer = threading.Timer(delay, self.retry, [number])
        timer.daemon = True  # a waiting purge never holds an exiting process: drain() sends it at once
        with self.lock:
            self.retries[number] = (purge, timer)
        timer.start()

    def run(self) -> None:
        while (purge := self.queue.get()) is not STOP:
            url, tags, hard, attempt = self.sending = purge
            answer = purge_one(url, tags, hard=hard, attempt=attempt)
            if answer is True:
                continue
            if answer in REFUSED:  # the front cache says no, and will say it again: its purge ACL, say
                logger.error("%s refused the purge of %d tags (HTTP %d): is this server allowed to purge it "
                             "(VARNISH_PURGERS)?", url, len(tags), answer)
            elif self.exiting:
                logger.error("Exiting: the purge of %d tags at %s was not sent.", len(tags), url)
            elif attempt + 1 < settings.FRONT_CACHE_RETRIES:
                self.later((url, tags, hard, attempt + 1), min(2**attempt * settings.FRONT_CACHE_RETRY_SECONDS, 60))
            else:
                logger.error("Gave up purging %d tags at %s after %d attempts.", len(tags), url, attempt + 1)

    def retry(self, number: int) -> None:
        with self.lock:
            waiting = self.retries.pop(number, None)
        if waiting:  # else drain() took it
            self.queue.put(waiting[0])

    def drain(self) -> None:
        """At exit, send what is queued, and at once the purges waiting for a retry: the sender is a daemon
        thread, which dies with the interpreter. Wait FRONT_CACHE_TIMEOUT per purge, EXIT_SECONDS at most."""
        if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
            return
        with self.lock:
            self.exiting = True
            waiting, self.retries = self.retries, {}
        for purge, timer in waiting.values():
            timer.cancel()
            self.queue.put(purge)
        self.queue.put(STOP)
        self.thread.join(min(settings.FRONT_CACHE_TIMEOUT * self.queue.qsize(), EXIT_SECONDS))
        if not self.thread.is_alive():
            return
        left = [self.sending]  # still waiting for its answer
        while not self.queue.empty():
            left.append(self.queue.get_nowait())
        for url, tags, _hard, _attempt in filter(None, left):  # STOP is None
            logger.error("Exiting: the purge of %d tags at %s was not sent.", len(tags), url)


def purge_one(url: str, tags: list[str], *, hard: bool, attempt: int) -> bool | int | None:
    """Send one purge and record the answer for /healthz; return True if the front cache took it, else its
    HTTP status (None when it gave none)."""
    headers = {"xkey-purge": " ".join(tags), **({} if hard else {"xkey-soft": "1"})}
    request = urllib.request.Request(url, method="PURGE", headers=headers)
    status = None
    try:
        with urllib.request.urlopen(request, timeout=settings.FRONT_CACHE_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:  # URLError included: refused, timed out, unknown host
        reason = getattr(error, "reason", error)
        # /healthz, which anyone may read, says only its kind: its words may name the host (a TLS name mismatch)
        problem, kind = str(reason), type(reason if isinstance(reason, BaseException) else error).__name__
    ok = status == 200
    if status is not None:
        problem = kind = f"HTTP {status}"
    try:
        if ok:
            shared_cache().delete(FAILING_KEY + url)
        else:
            failure = f"{kind} at {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}"
            shared_cache().set(FAILING_KEY + url, failure, timeout=FAILING_SECONDS)
    except CACHE_ERRORS:
        pass  # the cache's own health check reports that
    if not ok:
        logger.warning("Purge of %d tags at %s failed (attempt %d): %s", len(tags), url, attempt + 1, problem)
    return True if ok else status


sender = Sender()
send = sender.send
atexit.register(sender.drain)


def failing() -> dict:
    """The front caches in FRONT_CACHES whose last purge failed, with what went wrong."""
    found = shared_cache().get_many([FAILING_KEY + url for url in settings.FRONT_CACHES])
    return {url: found[FAILING_KEY + url] for url in settings.FRONT_CACHES if FAILING_KEY + url in found}
