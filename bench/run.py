#!/usr/bin/env python
"""`make bench`: seed a synthetic newsroom on PostgreSQL, serve it with gunicorn and Redis, load it with wrk.

Measures, in one run on this machine: requests/s, p50 and p99 latency and queries per request for the
article page (cached, and with the cache bypassed), home, section, tag, search and feed (when they
exist), against two ceilings served by the same gunicorn: the article's HTML as a static file
(WhiteNoise) and a bare Django view returning those bytes. Also: publication lag under load, worker
memory, and EXPLAIN ANALYZE of the listing queries. Writes bench/results.md.

Every page is loaded in BENCH_ROUNDS rounds, one page after another in each round, so a change in the
machine's speed during the run (it is shared) reaches every page and both ceilings alike.

Environment: BENCH_ARTICLES (10000), BENCH_DURATION seconds per page and round (4), BENCH_ROUNDS (3),
BENCH_CONNECTIONS (8),
BENCH_THREADS (2), BENCH_PORT (8180), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/newsroom_bench),
BENCH_REDIS_URL (redis://127.0.0.1:6379/3), GUNICORN_WORKER_CLASS / GUNICORN_THREADS (gunicorn.conf.py).
"""
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
DURATION = int(os.environ.get("BENCH_DURATION", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PROBE_DURATION = 10  # the home page's load while the lag probe's story is created and goes live 3 s later
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8180"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
KEY_PREFIX = "bench"
BASE = f"http://127.0.0.1:{PORT}"
RESULTS = ROOT / "bench" / "results.md"
LAG_SLUG = "bench-lag-probe"
# Bump when seed_bench changes what it seeds: a database seeded by an older version is made afresh.
SEED_VERSION = 2  # 2: photos, credits and agencies
SEED_MARK = f"newsroom bench seed v{SEED_VERSION}"
RANDOM = "{random}"  # in a target's path: a different value on every request
BUSTING = "article, ?nocache=<random>"
STORY_SAVED = "article, after another story's save"
NOTHING_CACHED = "article, nothing cached"
PUBLISHING = "home, while a scheduled story goes live"
PY = sys.executable

ENV = {
    **{key: value for key, value in os.environ.items() if key not in {"DEBUG", "PAGE_CACHE"}},
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": KEY_PREFIX,
    "BENCH": "1", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING",
    "MEDIA_ROOT": str(ROOT / "bench" / "media"),  # the seeded photos' originals, beside newsroom_bench
}


def say(message=""):
    print(message, flush=True)


def manage(*args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


# --- setup -----------------------------------------------------------------------------------

def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is not installed: run `apt-get install -y wrk` as root, then `make bench` again.")
    say("Installing wrk (apt-get install -y wrk)…")
    if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], stdout=subprocess.DEVNULL, check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], stdout=subprocess.DEVNULL, check=True)
    return shutil.which("wrk")


def ensure_database():
    """Reuse newsroom_bench when it holds exactly BENCH_ARTICLES stories; otherwise make it afresh."""
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    stories = mark = None
    if exists:
        with psycopg.connect(DATABASE_URL, autocommit=True) as db:
            mark = db.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]).fetchone()[0]
            try:
                db.execute("DELETE FROM articles_article WHERE slug LIKE %s", [LAG_SLUG + "%"])
                stories = db.execute("SELECT count(*) FROM articles_article").fetchone()[0]
            except psycopg.errors.UndefinedTable:
                stories = None
    if stories == ARTICLES and mark == SEED_MARK:
        say(f"Database {name}: {stories:,} stories already seeded; reusing it.")
        manage("migrate", "--noinput", "-v", "0")
        return
    say(f"Database {name}: creating it for {ARTICLES:,} stories.")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "-v", "0")
    started = time.monotonic()
    manage("seed_bench", "--articles", str(ARTICLES))
    say(f"Seeding took {time.monotonic() - started:.1f} s.")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"COMMENT ON DATABASE \"{name}\" IS '{SEED_MARK}'")  # only once the seeding is whole


def setup_django():
    os.environ.update(ENV)
    import django

    django.setup()


def forget_bench_keys():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{KEY_PREFIX}:*", count=1000):
        client.delete(key)


# --- what to measure -------------------------------------------------------------------------

def pick_targets():
    """Return [(label, path, headers)] for the pages, and the article used for the ceilings."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse
    from taggit.models import Tag

    from articles.models import Article, Section

    article = (Article.objects.published().annotate(tag_count=Count("tags")).filter(tag_count__gte=3)
               .select_related("section").order_by("-publish_at").first())
    root = article.section.root(Section.objects.tree())
    tag = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses").first()
    targets = [
        ("article, cached", article.get_absolute_url(), {}),
        # Page cache bypassed: rendered from the page parts (serving/fragments.py), as when a page's entry
        # expired or was evicted.
        ("article, uncached", article.get_absolute_url(), {"X-Bench-Cache": "bypass"}),
        # Each request the page's first render after a change: the parts such a change leaves are used,
        # the others rebuilt (the schedule is not read again: the first page after the change did that).
        (STORY_SAVED, article.get_absolute_url(), {"X-Bench-Cache": "story-saved"}),
        (NOTHING_CACHED, article.get_absolute_url(), {"X-Bench-Cache": "nothing-cached"}),
        # Cache busting: a new made-up parameter on every request. The page cache keys on the parameters
        # a page reads, so this must perform like the cached article, not the uncached one.
        (BUSTING, article.get_absolute_url() + "?nocache=" + RANDOM, {}),
        ("home", reverse("articles:home"), {}),
        (f"section ({root.slug})", root.get_absolute_url(), {}),
        (f"tag ({tag.slug}, {tag.uses:,} stories)", reverse("articles:tag", kwargs={"slug": tag.slug}), {}),
    ]
    notes = []
    # Pages other branches add; the names the lead wires in at merge. Skipped with a note until then.
    for label, names in [("search", ["search:search", "articles:search"]), ("feed", ["articles:feed-rss"])]:
        for name in names:
            try:
                path = reverse(name)
            except NoReverseMatch:
                continue
            targets.append((label, path + ("?q=harbour" if label == "search" else ""), {}))
            break
        else:
            notes.append(f"{label}: not in this build (no URL named {' or '.join(names)}); skipped.")
    targets += [
        ("ceiling: bare Django view", reverse("serving:bare-article"), {}),
        ("ceiling: static file (WhiteNoise)", "/static/bench/article.html", {}),
    ]
    return article, targets, notes


def write_static_copy(article):
    from django.conf import settings
    from django.test import Client

    from serving.bench import BENCH_ARTICLE

    response = Client(HTTP_HOST="127.0.0.1").get(article.get_absolute_url())
    assert response.status_code == 200, response.status_code
    target = settings.STATIC_ROOT / BENCH_ARTICLE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(response.content)
    return len(response.content)


def count_queries(targets):
    """Queries per request for each page as loaded (its second request), and on a fresh generation."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from serving.invalidation import page_cache_bump

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for label, path, headers in targets:
        if path.startswith("/static/"):
            counts[label] = 0
            continue
        extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
        page_cache_bump()
        with CaptureQueriesContext(connection) as cold:
            client.get(path.replace(RANDOM, secrets.token_hex(4)), **extra)
        with CaptureQueriesContext(connection) as warm:
            client.get(path.replace(RANDOM, secrets.token_hex(4)), **extra)
        counts[label] = len(warm)
        counts[label + " (cold)"] = len(cold)
    return counts


def explain_listings(article):
    """EXPLAIN ANALYZE the queries the home, section and tag pages and the schedule check really run."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from serving.invalidation import page_cache_bump

    client = Client(HTTP_HOST="127.0.0.1")
    from articles.models import Section

    root = article.section.root(Section.objects.tree())
    plans = []
    for label, path in [("home", "/"), (f"section ({root.slug})", root.get_absolute_url())]:
        page_cache_bump()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        for query in captured:
            sql = query["sql"]
            if "articles_article" not in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            kind = "schedule check" if "MIN(" in sql.upper() else ("count" if "COUNT(" in sql.upper() else "listing")
            plans.append((f"{label}: {kind}", sql, plan))
    return plans


# --- load ------------------------------------------------------------------------------------

def start_gunicorn():
    env = {**ENV, "GUNICORN_BIND": f"127.0.0.1:{PORT}", "GUNICORN_WORKERS": "2", "GUNICORN_ACCESS_LOG": "",
           "GUNICORN_LOG_LEVEL": "warning", "GUNICORN_MAX_REQUESTS": "0"}
    process = subprocess.Popen([PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi"], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited during start-up.")
        try:
            if fetch("/healthz")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("gunicorn did not answer /healthz within 60 s.")


def fetch(path, headers=None):
    request = urllib.request.Request(BASE + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def worker_rss_mb(master_pid) -> dict[int, float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = {}
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes[int(pid)] = int(line.split()[1]) / 1024
    return sizes


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


# For a path with RANDOM in it: each wrk thread puts its own salt and a counter there, request by request.
RANDOM_PATH_SCRIPT = """
local prefix, suffix = %s, %s
local salt = tostring({}):match("0x(%%x+)") or "0"
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, prefix .. salt .. "x" .. counter .. suffix)
end
"""


def combine(runs: list[dict]) -> dict:
    """One page's figures over its rounds: requests/s over all of them, the median p50, the worst p99."""
    seconds = sum(run["requests"] / run["rps"] for run in runs)
    p50s = sorted(run["p50"] for run in runs)
    return {
        "rps": sum(run["requests"] for run in runs) / seconds, "rounds": [run["rps"] for run in runs],
        "p50": p50s[len(p50s) // 2], "p99": max(run["p99"] for run in runs),
        "requests": sum(run["requests"] for run in runs), "non_2xx": sum(run["non_2xx"] for run in runs),
        "socket_errors": "; ".join(run["socket_errors"] for run in runs if run["socket_errors"]),
    }


def run_wrk(wrk, path, headers, duration=DURATION):
    command = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        if RANDOM in path:
            prefix, suffix = path.split(RANDOM, 1)
            script = Path(scratch) / "random.lua"
            script.write_text(RANDOM_PATH_SCRIPT % (lua_string(prefix), lua_string(suffix)))
            command += ["-s", str(script)]
        output = subprocess.run(command + [BASE + path.replace(RANDOM, "")], capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+(?:us|ms|s|m))", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(latency["50"]), "p99": to_ms(latency["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


class LagProbe(threading.Thread):
    """Schedule a story a few seconds ahead, then poll the home page until it shows (bounded)."""

    def __init__(self, seconds_ahead=3.0, give_up_after=15.0):
        super().__init__(daemon=True)
        self.seconds_ahead, self.give_up_after = seconds_ahead, give_up_after
        self.polls = self.early = 0
        self.lag = None

    def run(self):
        from django.db import connection
        from django.utils import timezone

        from articles.models import Article, Section

        headline = f"Lag probe {secrets.token_hex(4)} goes live"
        publish_at = timezone.now() + timedelta(seconds=self.seconds_ahead)
        Article.objects.create(headline=headline, slug=f"{LAG_SLUG}-{secrets.token_hex(3)}", body="<p>Probe.</p>",
                               section=Section.objects.first(), status=Article.Status.PUBLISHED, publish_at=publish_at)
        connection.close()
        due = publish_at.timestamp()
        deadline = due + self.give_up_after
        while time.time() < deadline:
            _status, body = fetch("/")
            received = time.time()
            self.polls += 1
            if headline in body:
                if received < due:  # a reader got it before its time
                    self.early += 1
                else:
                    self.lag = received - due
                    return
            time.sleep(0.02)


# --- report ----------------------------------------------------------------------------------

def machine_facts():
    import django
    import gunicorn
    import redis
    from django.db import connection

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    redis_version = redis.Redis.from_url(REDIS_URL).info("server")["redis_version"]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("[")[0].strip()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"), "nproc": os.cpu_count(), "CPU": cpu, "memory": memory,
        "kernel": platform.release(), "Python": platform.python_version(), "Django": django.get_version(),
        "gunicorn": gunicorn.__version__, "PostgreSQL": postgres, "Redis": redis_version, "wrk": wrk_version,
        "load average before the run": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def verdict(ok):
    return "met" if ok else "**not met**"


def report(facts, results, counts, notes, lag, rss, plans, page_bytes, worker_class):
    bare = results["ceiling: bare Django view"]["rps"]
    static = results["ceiling: static file (WhiteNoise)"]["rps"]
    lines = [
        "# Benchmark results", "",
        f"`make bench` with BENCH_ARTICLES={ARTICLES}: gunicorn with 2 {worker_class} workers and Redis on loopback, "
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s per page in each of {ROUNDS} rounds (every page once per round, "
        "in turn), one run. Requests/s are over all rounds, p50 is the median round's, p99 the worst round's. "
        "The machine is shared (other jobs may run): compare the ratios, which were measured side by side, rather "
        "than absolute figures.", "",
        "## Machine", "",
        *[f"- {key}: {value}" for key, value in facts.items()], "",
        "## Pages", "",
        f"Article page: {page_bytes:,} bytes of HTML. Queries per request as each page was loaded; in brackets, "
        "the first request after a change every page shows (both generations bumped, the schedule read again). "
        "\"Uncached\" bypasses the page cache, as when the page's entry expired, and renders from the page parts "
        "(serving/fragments.py); the next two rows also make every request the page's first render after a change: "
        "another story's save (gate and related stories rebuilt, the story's own parts kept), and a change every "
        "part shows (a full render).", "",
        "| page | requests/s | p50 ms | p99 ms | p99/p50 | queries/request | vs bare Django | vs static |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, figures in results.items():
        queries = counts.get(label, 0)
        cold = counts.get(label + " (cold)")
        query_text = f"{queries}" + (f" ({cold})" if cold is not None and cold != queries else "")
        lines.append(
            f"| {label} | {figures['rps']:,.0f} | {figures['p50']:.2f} | {figures['p99']:.2f} | "
            f"{figures['p99'] / figures['p50']:.1f} | {query_text} | {figures['rps'] / bare:.0%} | {figures['rps'] / static:.0%} |"
        )
    errors = [f"{label}: {f['non_2xx']} non-2xx, socket errors {f['socket_errors']}" for label, f in results.items()
              if f["non_2xx"] or f["socket_errors"]]
    lines += [""] + [f"- {note}" for note in notes] + [f"- errors: {error}" for error in errors]
    cached = results["article, cached"]["rps"] / bare
    uncached = results["article, uncached"]["rps"] / bare
    bare_rounds = results["ceiling: bare Django view"]["rounds"]

    def by_round(label):
        return ", ".join(f"{rps / ceiling:.0%}" for rps, ceiling in zip(results[label]["rounds"], bare_rounds))

    worst_tail = max(f["p99"] / f["p50"] for f in results.values())
    busting = results[BUSTING]["rps"] / bare
    max_rss = max(rss.values()) if rss else float("nan")
    lines += [
        "", "## Targets", "",
        "| target | measured | |", "| --- | --- | --- |",
        f"| cached article ≥ 80% of the bare Django ceiling | {cached:.0%} | {verdict(cached >= 0.8)} |",
        f"| uncached article ≥ 35% of the bare Django ceiling | {uncached:.0%} | {verdict(uncached >= 0.35)} |",
        f"| no page's p99 above 10× its p50 | worst {worst_tail:.1f}× | {verdict(worst_tail <= 10)} |",
        f"| (ours) a made-up query parameter is served from the cache | {busting:.0%} of the bare ceiling, "
        f"{counts[BUSTING]} queries | {verdict(counts[BUSTING] == 0)} |",
        f"| (each round) cached article, uncached article | {by_round('article, cached')}; "
        f"{by_round('article, uncached')} | |",
        f"| worker RSS < 150 MB after the run | {', '.join(f'{v:.0f} MB' for v in rss.values())} | {verdict(max_rss < 150)} |",
    ]
    if lag.lag is None:
        lines.append(f"| publication lag < 1 s, never early | did not appear within {lag.give_up_after:.0f} s | **not met** |")
    else:
        lines.append(f"| publication lag < 1 s, never early | {lag.lag * 1000:.0f} ms after its time; early {lag.early} "
                     f"times in {lag.polls} polls | {verdict(lag.lag < 1 and lag.early == 0)} |")
    lines += [
        "", f"The lag probe schedules a story a few seconds ahead while wrk loads the home page (the row {PUBLISHING!r}, "
        f"one {PROBE_DURATION} s run after the rounds), and polls the home page (every 20 ms) until it shows; lag is when the response that first showed it arrived, minus its "
        "publication time, and \"early\" counts responses received before that time that showed it.", "",
        "## EXPLAIN ANALYZE of the listing queries", "",
        f"The queries the home and section pages run on a cold cache, at {ARTICLES:,} stories.", "",
    ]
    seq_scans = [label for label, _sql, plan in plans if "Seq Scan on articles_article" in plan]
    lines.append("No sequential scan of articles_article." if not seq_scans else f"**Sequential scans of articles_article in: {', '.join(seq_scans)}.**")
    for label, sql, plan in plans:
        lines += ["", f"### {label}", "", "```sql", sql, "```", "", "```", plan, "```"]
    return "\n".join(lines) + "\n"


def main():
    wrk = ensure_wrk()
    ensure_database()
    say("Collecting static files…")
    manage("collectstatic", "--noinput", "-v", "0")
    setup_django()
    forget_bench_keys()
    article, targets, notes = pick_targets()
    page_bytes = write_static_copy(article)
    counts = count_queries(targets)
    counts[PUBLISHING], counts[PUBLISHING + " (cold)"] = counts["home"], counts.get("home (cold)")
    facts = machine_facts()
    worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or ("gthread" if int(os.environ.get("GUNICORN_THREADS", "1")) > 1 else "sync")
    say(f"Starting gunicorn (2 {worker_class} workers) on {BASE}…")
    server = start_gunicorn()
    runs, lag = {label: [] for label, _path, _headers in targets}, LagProbe()
    try:
        for round_number in range(1, ROUNDS + 1):
            for label, path, headers in targets:
                for _ in range(30):  # warm up the page and both workers just before measuring it
                    fetch(path.replace(RANDOM, secrets.token_hex(4)), headers)
                say(f"  round {round_number}/{ROUNDS}, wrk {DURATION}s: {label} {path}")
                run = run_wrk(wrk, path, headers)
                runs[label].append(run)
                say(f"    {run['rps']:,.0f} req/s, p50 {run['p50']:.2f} ms, p99 {run['p99']:.2f} ms")
        # Then the home page once more, while the lag probe's story is created and goes live: two changes
        # every reader sees, each making the home page's next request render it (its own row).
        say(f"  wrk {PROBE_DURATION}s: {PUBLISHING} /")
        lag.start()
        runs[PUBLISHING] = [run_wrk(wrk, "/", {}, duration=PROBE_DURATION)]
        lag.join(timeout=30)
        results = {label: combine(page_runs) for label, page_runs in runs.items()}
        rss = worker_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    plans = explain_listings(article)
    from articles.models import Article

    Article.objects.filter(slug__startswith=LAG_SLUG).delete()
    facts["load average after the run"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(facts, results, counts, notes, lag, rss, plans, page_bytes, worker_class)
    RESULTS.write_text(text)
    say()
    say(text.split("## EXPLAIN")[0])
    say(f"Written to {RESULTS.relative_to(ROOT)} (with the EXPLAIN plans).")


if __name__ == "__main__":
    main()
