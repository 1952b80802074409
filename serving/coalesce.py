"""One render for many readers: while one request renders a missed page, the others wait for its entry."""
import math
import time
import uuid

NOT_STORED = "not-stored"  # a claim's value once its render turned out not to be shareable: don't wait
POLL_SECONDS = 0.01


class Coalescer:
    """A render claim on one page, in the shared cache, so every app server sees it.

    `claim()` says whether this request should render. The others `wait()` for the claimant's entry: they
    get None (render yourselves) when it finished without storing one, or after `wait` seconds (it may
    have died; its claim expires by itself then).
    """

    def __init__(self, cache, key: str, wait: float):
        self.cache, self.key, self.wait_seconds, self.token = cache, f"serving:render:{key}", wait, None

    def claim(self) -> bool:
        if self.wait_seconds <= 0:
            return True
        token = uuid.uuid4().hex
        if self.cache.add(self.key, token, timeout=math.ceil(self.wait_seconds)):
            self.token = token
            return True
        return False

    def wait(self, read):
        """Poll the small claim until it is released, then return `read()`; None if it never was."""
        deadline = time.monotonic() + self.wait_seconds
        while time.monotonic() < deadline:
            claim = self.cache.get(self.key)
            if claim == NOT_STORED:
                return None
            if claim is None:
                return read()
            time.sleep(POLL_SECONDS)
        return None

    def release(self, stored: bool) -> None:
        """Give up the claim if this request still holds it (it may have expired and passed on)."""
        if self.token is None or self.cache.get(self.key) != self.token:
            return
        if stored:
            self.cache.delete(self.key)
        else:
            self.cache.set(self.key, NOT_STORED, timeout=math.ceil(self.wait_seconds))
