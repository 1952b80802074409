"""Shared by the tests that start real servers (gunicorn, Varnish) on loopback."""
import socket

from tests.helpers import worker_share


def free_ports(ports, count=1) -> list[int]:
    """The first `count` ports of this worker's share of `ports` nothing listens on: each test module keeps a range
    of its own."""
    found = []
    for port in worker_share(ports):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise RuntimeError(f"No {count} free ports in this worker's share of {ports}.")
