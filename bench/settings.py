"""`make bench`'s settings (bench/config.py names them): the project's, with the bare ceiling view in front of
its addresses. No runtime module names the bench's views: production has no route to them."""
from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
