"""The servers the bench loads: gunicorn with the app's cache, gunicorn with nothing cached, and Varnish."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.config import ENV, NOCACHE_ENV, NOCACHE_PORT, PORT, PY, ROOT, VARNISH, VARNISH_PORT, say

SCRIPT = ROOT / "deploy" / "run-varnish"


def fetch(url, headers=None, timeout=10):
    """GET url; return (status, headers as a dict with lower-case names, body as text)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, ""


def ensure_free(port):
    """Refuse to start on a port something already answers on: the bench would measure that instead."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"Something already listens on 127.0.0.1:{port} (an earlier bench run?): stop it, or set BENCH_PORT.")


def wait_for(url, process, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} exited during start-up.")
        try:
            fetch(url, timeout=2)  # any answer: /healthz is 503 where every cache is a DummyCache
            return
        except OSError:
            pass
        time.sleep(0.2)
    process.terminate()
    sys.exit(f"{what} did not answer {url} within {seconds} s.")


class Server:
    """A process the bench started, stopped by its own pid."""

    def __init__(self, name, base, process, workdir=None):
        self.name, self.base, self.process, self.workdir = name, base, process, workdir

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def worker_rss_mb(self) -> dict[int, float]:
        """RSS of each child of the master (gunicorn's workers)."""
        pid = self.process.pid
        sizes = {}
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[int(child)] = int(line.split()[1]) / 1024
        return sizes


def start_gunicorn(port, env, name) -> Server:
    ensure_free(port)
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2", "GUNICORN_ACCESS_LOG": "",
           "GUNICORN_LOG_LEVEL": "warning", "GUNICORN_MAX_REQUESTS": "0"}
    process = subprocess.Popen([PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/healthz", process, name)
    return Server(name, base, process)


def start_app() -> Server:
    return start_gunicorn(PORT, ENV, "gunicorn (app cache)")


def start_nocache() -> Server:
    return start_gunicorn(NOCACHE_PORT, NOCACHE_ENV, "gunicorn (nothing cached)")


def start_varnish() -> Server:
    """Varnish on VARNISH_PORT in front of the app's gunicorn, through deploy/run-varnish (deploy/varnish.vcl
    as shipped, in memory), in a working directory of the bench's own. The script execs varnishd, so the
    process is varnishd itself, stopped by its pid."""
    if not SCRIPT.exists():
        sys.exit(f"{SCRIPT.relative_to(ROOT)} is missing: the bench's Varnish rows need it (issue #18).")
    ensure_free(VARNISH_PORT)
    workdir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
    os.chmod(workdir, 0o755)  # varnishd's worker runs as the unprivileged vcache user
    env = {**os.environ, "VARNISH_ADDRESS": "127.0.0.1", "VARNISH_PORT": str(VARNISH_PORT),
           "BACKEND": f"127.0.0.1:{PORT}", "VARNISH_WORKDIR": str(workdir)}
    with open(workdir / "varnishd.log", "w") as log:
        process = subprocess.Popen([str(SCRIPT)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server("varnish", VARNISH, process, workdir)
    try:
        wait_for(VARNISH + "/healthz", process, "varnishd")
    except SystemExit:
        say((workdir / "varnishd.log").read_text())
        server.stop()
        raise
    return server


def varnish_counters(server: Server) -> dict[str, int]:
    """Varnish's MAIN counters (client requests, hits, misses, passes, backend requests)."""
    output = subprocess.run(["varnishstat", "-n", str(server.workdir / "varnishd"), "-1", "-j"],
                            capture_output=True, text=True, check=True).stdout
    data = json.loads(output)
    counters = data.get("counters", data)  # varnishstat 7 nests them under "counters"
    names = ["client_req", "cache_hit", "cache_miss", "cache_hitpass", "cache_hitmiss", "s_pass", "backend_req"]
    return {name: int(counters.get(f"MAIN.{name}", {}).get("value", 0)) for name in names}

