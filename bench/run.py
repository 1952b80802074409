#!/usr/bin/env python
"""`make bench`: seed a synthetic newsroom on PostgreSQL, serve it three ways, load it with wrk.

The servers, all on loopback:
- gunicorn (2 workers) with the app's cache in Redis, on BENCH_PORT (8180), with bench/settings.py;
- Varnish, started by deploy/run-varnish (deploy/varnish.vcl as shipped, in memory), in front of that
  gunicorn, on BENCH_PORT+1; the app and this process purge it (FRONT_CACHES);
- a second gunicorn with nothing cached (CACHE_BACKEND=dummy, DOMAIN_CACHE_SECONDS=0), on BENCH_PORT+2.

Measures requests/s, p50, p99, queries per request and which cache answered (X-Page-Cache counted over every
response; Varnish's own hit counters) for the article, home, section, tag, search and feed pages, a live
story's head.json and page (500 entries, bench/live.py), the home
page while an editor saves a draft every second and while a story is published every 5 s, against three
ceilings: a bare Django view returning the article's bytes, that HTML as a static file through WhiteNoise,
and that file from Varnish's memory. Also: publication lag under load, worker memory, and EXPLAIN ANALYZE
of the listing queries. Writes bench/results.md (bench/report.py).

Every page is loaded in BENCH_ROUNDS rounds, one page after another in each round, so a change in the
machine's speed during the run (it is shared) reaches every page and the ceilings alike.

Environment: BENCH_ARTICLES (10000), BENCH_DURATION seconds per page and round (4), BENCH_CHURN_DURATION
for the rows with an editor at work (10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (8), BENCH_THREADS (2),
BENCH_PORT (8180), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/newsroom_bench),
BENCH_REDIS_URL (redis://127.0.0.1:6379/3), GUNICORN_WORKER_CLASS / GUNICORN_THREADS (gunicorn.conf.py).
"""
import hashlib
import json
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import config, desk, live, load, report, servers  # noqa: E402
from bench.config import ARTICLES, CHURN_SLUG, DURATION, ENV, NOCACHE_ENV, PROBE, PY, ROOT, ROUNDS, say  # noqa: E402

STATIC = "{static}"  # a row's path until write_static_copy names the hashed file


@dataclass
class Row:
    label: str
    server: str  # "app", "varnish" or "nocache"
    path: str
    cached: str  # what is cached, for the table
    churn: str = ""  # "draft" or "publish": an editor at work during the load
    interval: float = 0


def manage(*args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def ensure_database():
    """Reuse newsroom_bench when it holds exactly BENCH_ARTICLES seeded stories; otherwise make it afresh."""
    import psycopg

    parts = urlsplit(config.DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    stories = mark = None
    if exists:
        with psycopg.connect(config.DATABASE_URL, autocommit=True) as db:
            mark = db.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]).fetchone()[0]
            try:  # the bench's own stories (a run that stopped half-way) are deleted once Django is set up
                stories = db.execute("SELECT count(*) FROM articles_article WHERE slug NOT LIKE %s", [CHURN_SLUG + "%"]).fetchone()[0]
            except psycopg.errors.UndefinedTable:
                stories = None
    if stories == ARTICLES and mark == config.SEED_MARK:
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
        admin.execute(f"COMMENT ON DATABASE \"{name}\" IS '{config.SEED_MARK}'")  # only once the seeding is whole


def setup_django():
    os.environ.update(ENV)
    import django

    django.setup()


def forget_bench_keys():
    import redis

    client = redis.Redis.from_url(config.REDIS_URL)
    for key in client.scan_iter(match=f"{config.KEY_PREFIX}:*", count=1000):
        client.delete(key)


def pick_rows():
    """The rows, in the order each round loads them, and the article the ceilings are made of."""
    from django.db.models import Count
    from django.urls import reverse
    from taggit.models import Tag

    from articles.models import Article, Section

    article = (Article.objects.published().annotate(tag_count=Count("tags")).filter(tag_count__gte=3)
               .select_related("section").order_by("-publish_at").first())
    url = article.get_absolute_url()
    root = article.section.root(Section.objects.tree())
    tag = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses").first()
    live_story = live.ensure_live_story(not_this=article)
    app = "the app's cache (Redis)"
    home = reverse("articles:home")
    rows = [
        Row("article, app cache", "app", url, app),
        Row("article, through Varnish", "varnish", url, "Varnish's memory (the gunicorn above behind it)"),
        Row("article, nothing cached", "nocache", url, "nothing: every Django cache a DummyCache, domains read from the database"),
        # Cache busting: a new made-up parameter on every request, to be served from the cache all the same.
        Row("article, ?nocache=<random>", "app", url + "?nocache=" + load.RANDOM, app),
        Row("home", "app", home, app),
        Row(f"section ({root.slug})", "app", root.get_absolute_url(), app),
        Row(f"tag ({tag.slug}, {tag.uses:,} stories)", "app", reverse("articles:tag", kwargs={"slug": tag.slug}), app),
        Row("search", "app", reverse("articles:search") + "?q=harbour", app),
        Row("feed", "app", reverse("articles:feed-rss"), app),
        Row(report.LIVE_HEAD, "app", reverse("live:head", kwargs={"pk": live_story.pk}), app),
        Row(report.LIVE_PAGE, "app", live_story.get_absolute_url(), app),
        Row(report.API_CACHED, "app", reverse("api:stories") + "?limit=20", app),
        Row(report.API_UNCACHED, "nocache", reverse("api:stories") + "?limit=20", "nothing: every Django cache a DummyCache, domains read from the database"),
        Row("home, an editor saves a draft every 1 s", "app", home, app, churn="draft", interval=1),
        Row("home, a story published every 5 s", "app", home, app, churn="publish", interval=5),
        Row("ceiling: bare Django view", "app", reverse("bench:bare-article"), "nothing to cache: a view returning the article's bytes"),
        Row("ceiling: static file (WhiteNoise)", "app", STATIC, "the article's HTML as a collected (hashed) static file, WhiteNoise in gunicorn"),
        Row("ceiling: static file from Varnish's memory", "varnish", STATIC, "that file, in Varnish's memory (deploy/varnish.vcl keeps hashed files)"),
    ]
    return article, rows


def write_static_copy(article):
    """The article's HTML under STATIC_ROOT, for the ceilings: as bench/article.html (the bare view reads it)
    and under a hashed name entered in collectstatic's manifest, so that WhiteNoise serves it as it serves
    every collected file (`immutable`) and deploy/varnish.vcl keeps it as it keeps those."""
    from django.conf import settings
    from django.test import Client

    from bench.views import BENCH_ARTICLE

    response = Client(HTTP_HOST="127.0.0.1").get(article.get_absolute_url())
    assert response.status_code == 200, response.status_code
    root = settings.STATIC_ROOT
    hashed = BENCH_ARTICLE.replace(".html", f".{hashlib.md5(response.content).hexdigest()[:12]}.html")
    for name in (BENCH_ARTICLE, hashed):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(response.content)
    manifest_path = root / "staticfiles.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["paths"][BENCH_ARTICLE] = hashed
    manifest_path.write_text(json.dumps(manifest))
    return len(response.content), settings.STATIC_URL + hashed


def count_queries(paths, env, explain=()):
    """Run bench/queries.py with a server's environment; return its counts and plans."""
    job = {"paths": paths, "explain": list(explain), "redis_url": config.REDIS_URL, "prefix": config.KEY_PREFIX}
    done = subprocess.run([PY, "-m", "bench.queries"], cwd=ROOT, env=env, input=json.dumps(job),
                          capture_output=True, text=True)
    line = next((line for line in done.stdout.splitlines() if line.startswith("BENCH-JSON ")), None)
    if done.returncode or line is None:
        sys.exit(f"Counting queries failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(line.removeprefix("BENCH-JSON "))


def headers_as_served(url):
    """One response's headers (after a row's first load): what served it, and what it tells caches."""
    status, headers, _body = servers.fetch(url.replace(load.RANDOM, secrets.token_hex(4)))
    names = ("x-page-cache", "x-cache", "x-varnish", "age", "cache-control", "xkey", "set-cookie")
    return {"status": status, **{name: headers.get(name, "") for name in names}}


def varnish_served(before, after):
    delta = {name: after[name] - before[name] for name in after}
    return {"hit": delta["cache_hit"], "miss": delta["cache_miss"], "pass": delta["s_pass"],
            "backend requests": delta["backend_req"]}


def main():
    wrk = load.ensure_wrk()
    ensure_database()
    say("Collecting static files…")
    manage("collectstatic", "--noinput", "-v", "0")
    setup_django()
    if leftover := desk.delete_bench_stories():
        say(f"Deleted {leftover} stories an earlier bench run left.")
    forget_bench_keys()
    article, rows = pick_rows()
    page_bytes, static_url = write_static_copy(article)
    for row in rows:
        row.path = static_url if row.path == STATIC else row.path
    say("Counting queries per request…")
    app_paths = {row.label: row.path for row in rows if row.server == "app" and not row.path.startswith("/static/")}
    counted = count_queries(app_paths, ENV, explain=["home", next(r.label for r in rows if r.label.startswith("section")), report.API_CACHED])
    nocache = count_queries({row.label: row.path for row in rows if row.server == "nocache"}, NOCACHE_ENV)
    counts = {**counted["counts"], **nocache["counts"]}
    forget_bench_keys()
    facts = report.machine_facts()
    started = []
    try:
        say(f"Starting gunicorn (app cache) on {config.APP}, Varnish on {config.VARNISH}, gunicorn (nothing cached) on {config.NOCACHE}…")
        started.append(app := servers.start_app())
        started.append(varnish := servers.start_varnish())
        started.append(nocache_server := servers.start_nocache())
        bases = {"app": app.base, "varnish": varnish.base, "nocache": nocache_server.base}
        runs = {row.label: [] for row in rows}
        editors = {row.label: [] for row in rows if row.churn}
        # Each freshly started server under load once, unmeasured: a new Varnish stalled for ~10 ms in its
        # first second of load (thread pool and storage growing), which set its row's p99 in every run.
        for name, base in bases.items():
            load.run_wrk(wrk, base, next(row.path for row in rows if row.server == name), 2)
        seen = {}
        for round_number in range(1, ROUNDS + 1):
            for row in rows:
                base, duration = bases[row.server], (config.CHURN_DURATION if row.churn else DURATION)
                for _ in range(30):  # warm up the page and both workers just before measuring it
                    servers.fetch(base + row.path.replace(load.RANDOM, secrets.token_hex(4)))
                editor = desk.Editor(row.churn, row.interval) if row.churn else None
                before = servers.varnish_counters(varnish) if row.server == "varnish" else None
                say(f"  round {round_number}/{ROUNDS}, wrk {duration}s: {row.label} {base}{row.path}")
                if editor:
                    editor.start()
                run = load.run_wrk(wrk, base, row.path, duration, header=None if row.server == "varnish" else "X-Page-Cache")
                if editor:
                    editor.stop()
                    editors[row.label].append(editor.summary())
                if before is not None:
                    run["served"] = varnish_served(before, servers.varnish_counters(varnish))
                runs[row.label].append(run)
                seen.setdefault(row.label, headers_as_served(base + row.path))
                say(f"    {run['rps']:,.0f} req/s, p50 {run['p50']:.2f} ms, p99 {run['p99']:.2f} ms, served {run['served']}")
        # Then the home page once more, while the lag probe's story is scheduled and goes live (its own row).
        say(f"  wrk {config.PROBE_DURATION}s: {PROBE} {app.base}/")
        probe = desk.LagProbe()
        probe.start()
        runs[PROBE] = [load.run_wrk(wrk, app.base, "/", config.PROBE_DURATION, header="X-Page-Cache")]
        probe.join(timeout=30)
        rows.append(Row(PROBE, "app", "/", "the app's cache (Redis)"))
        results = {label: load.combine(page_runs) for label, page_runs in runs.items()}
        rss = {"app cache": app.worker_rss_mb(), "nothing cached": nocache_server.worker_rss_mb()}
        desk.delete_bench_stories()  # while Varnish still answers the purges this sends
    finally:
        for server in reversed(started):
            try:
                server.stop()
            except Exception as error:  # stop the others all the same
                say(f"Could not stop {server.name} (pid {server.process.pid}): {error}")
    counts[PROBE] = counts["home"]
    facts["load average after the run"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    churn = {label: desk.summarise(summaries) for label, summaries in editors.items()}
    text = report.render(facts, rows, results, counts, seen, churn, probe, rss, counted["plans"], page_bytes)
    config.RESULTS.write_text(text)
    say()
    say(text.split("## EXPLAIN")[0])
    say(f"Written to {config.RESULTS.relative_to(ROOT)} (with the EXPLAIN plans).")


if __name__ == "__main__":
    main()
