"""Real servers for the tests that need them: gunicorn in a subprocess, and a TCP proxy to cut its database."""
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from django.contrib.staticfiles import finders

from tests.helpers import worker_share

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8200, 8300)  # this branch's share of the machine's ports
START_TIMEOUT = 60


_handed_out = set()


def free_port() -> int:
    """Return a port nobody listens on, never the same one twice in a run (one may be kept closed)."""
    for port in worker_share(PORTS):
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            _handed_out.add(port)
            return port
    raise RuntimeError("No free port in 8200-8299.")


def write_static_manifest(static_root: Path) -> None:
    """Give production's manifest storage an entry for every static file, without running collectstatic."""
    paths = {}
    for finder in finders.get_finders():
        for path, _storage in finder.list(["CVS", ".*", "*~"]):
            paths[path] = path
    (static_root / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1", "hash": ""}))


@contextmanager
def gunicorn(tmp_path, database_url, workers=1, **extra_env):
    """Run the site as production does (DEBUG off) under gunicorn; yield (port, the lines it logged)."""
    static_root = tmp_path / "static"
    static_root.mkdir()
    write_static_manifest(static_root)
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "HTTPS", "ADMIN_PATH"}}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1", DATABASE_URL=database_url,
               STATIC_ROOT=str(static_root), DB_CONNECT_TIMEOUT="3")
    env.update(extra_env)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "60"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    lines, booted = [], threading.Event()

    def read_log():
        for line in process.stderr:
            lines.append(line.rstrip("\n"))
            if sum("Booting worker" in seen for seen in lines) >= workers:
                booted.set()

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    try:
        if not booted.wait(START_TIMEOUT):
            raise RuntimeError("gunicorn did not start:\n" + "\n".join(lines))
        yield port, lines
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=5)


def fetch(port, path="/", method="GET", body=None, headers=None, timeout=60):
    """Return (status, headers, body text) of one request to 127.0.0.1:port, errors included."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        # A header sent twice (Set-Cookie: the session's and the CSRF token's) is joined, as getheader() does.
        return response.status, {name: response.getheader(name) for name, _ in response.getheaders()}, response.read().decode()
    finally:
        connection.close()


def json_lines(lines):
    return [json.loads(line) for line in lines if line.startswith("{")]


class TCPProxy:
    """Forward a loopback port to `target`; stop() cuts every connection and refuses new ones, start() reopens."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.listener = None
        self.sockets = []
        self.lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self):
        with self.lock:
            try:
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() blocked in another thread
            except OSError:
                pass
            self.listener.close()
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed by stop()
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
