"""bench/results.md: the machine, the pages, the targets, the headers as served, the EXPLAIN plans."""
import os
import platform
import subprocess
import time
from pathlib import Path

from bench.config import (APP, ARTICLES, CHURN_DURATION, CONNECTIONS, DURATION, PROBE, PROBE_DURATION, REDIS_URL,
                          ROUNDS, THREADS, VARNISH)

BARE = "ceiling: bare Django view"
STATIC = "ceiling: static file (WhiteNoise)"
VARNISH_STATIC = "ceiling: static file from Varnish's memory"
LIVE_HEAD = "live story's head.json"
LIVE_PAGE = "live story's page (500 entries)"
LIVE_BUDGET = 8  # the article page's query budget (tests/serving/test_query_budget.py)
API_CACHED = "API list of 20 stories, app cache"
API_UNCACHED = "API list of 20 stories, nothing cached"


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
    varnish_version = subprocess.run(["varnishd", "-V"], capture_output=True, text=True).stderr.splitlines()[:1]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"), "nproc": os.cpu_count(), "CPU": cpu, "memory": memory,
        "kernel": platform.release(), "Python": platform.python_version(), "Django": django.get_version(),
        "gunicorn": gunicorn.__version__, "PostgreSQL": postgres, "Redis": redis_version, "wrk": wrk_version,
        "Varnish": varnish_version[0] if varnish_version else "?",
        "load average before the run": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def verdict(ok):
    return "met" if ok else "**not met**"


def served_text(served: dict) -> str:
    """"hit 100%" from X-Page-Cache counts, or Varnish's hits and backend requests."""
    backend = served.get("backend requests")
    counts = {key: value for key, value in served.items() if key != "backend requests" and value}
    total = sum(counts.values())
    if not total or set(counts) == {"none"}:
        return "—" if backend is None else f"{backend} backend requests"
    text = ", ".join(f"{key} {value / total:.1%}".replace(".0%", "%") for key, value in sorted(counts.items(), key=lambda kv: -kv[1]))
    if backend is not None:
        text = f"Varnish {text}; {backend} backend requests"
    return text


def ms(value):
    return "—" if value is None else f"{value:.0f} ms"


def render(facts, rows, results, counts, seen, churn, probe, rss, plans, page_bytes):
    bare = results[BARE]["rps"]
    static = results[STATIC]["rps"]
    varnish_static = results[VARNISH_STATIC]["rps"]
    lines = [
        "# Benchmark results", "",
        f"`make bench` with BENCH_ARTICLES={ARTICLES}: gunicorn with 2 workers and Redis, Varnish in front of it, and a "
        f"second gunicorn with nothing cached, all on loopback; wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s per page "
        f"({CHURN_DURATION}s for the rows with an editor at work) in each of {ROUNDS} rounds (every page once per round, "
        "in turn), one run. Requests/s are over all rounds, p50 is the median round's, p99 the worst round's. "
        "The machine is shared (other jobs may run): compare the ratios, which were measured side by side, rather "
        "than absolute figures.", "",
        "## Machine", "",
        *[f"- {key}: {value}" for key, value in facts.items()], "",
        "## Pages", "",
        f"Article page: {page_bytes:,} bytes of HTML. *Served* is what answered during the load: the `X-Page-Cache` "
        "header of every response, counted by wrk, or Varnish's own hit and backend-request counters. Queries per "
        "request are counted in a process with the server's environment, on the page's second request; in brackets, "
        "its first with the bench's Redis keys gone. *vs static file*: against the static file from Varnish's memory for "
        "the rows through Varnish, through WhiteNoise for the others.", "",
        "| page | what is cached | requests/s | p50 ms | p99 ms | p99/p50 | queries/request | served | vs bare Django | vs static file |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for row in rows:
        figures = results[row.label]
        if row.server == "varnish" or row.path.startswith("/static/"):
            query_text = "—"
        else:
            count = counts.get(row.label, {})
            query_text = f"{count.get('warm', '?')}" + (f" ({count['cold']})" if count.get("cold") not in (None, count.get("warm")) else "")
        lines.append(
            f"| {row.label} | {row.cached} | {figures['rps']:,.0f} | {figures['p50']:.2f} | {figures['p99']:.2f} | "
            f"{figures['p99'] / figures['p50']:.1f} | {query_text} | {served_text(figures['served'])} | "
            f"{figures['rps'] / bare:.0%} | {figures['rps'] / (varnish_static if row.server == 'varnish' else static):.0%} |"
        )
    errors = [f"{label}: {f['non_2xx']} non-2xx, socket errors {f['socket_errors']}" for label, f in results.items()
              if f["non_2xx"] or f["socket_errors"]]
    lines += [""] + [f"- errors: {error}" for error in errors]
    for label, figures in churn.items():
        what = "drafts saved" if "draft" in label else "stories written and published"
        lines.append(f"- {label}: {figures['count']} {what} by the editor, median {ms(figures['median_ms'])} each"
                     + (f"; errors: {'; '.join(figures['errors'][:3])}" if figures["errors"] else ""))
        for name in ("app", "varnish"):
            shown = figures[f"shown_{name}"]
            if shown["of"]:
                lines.append(f"  - each publication on the home page ({name}): at most {ms(shown['max_ms'])} after the save returned"
                             + (f"; **{shown['missing']} of {shown['of']} not shown within 3 s**" if shown["missing"] else ""))

    def ratio(label, ceiling):
        return results[label]["rps"] / results[ceiling]["rps"]

    def by_round(label, ceiling):
        return ", ".join(f"{rps / top:.0%}" for rps, top in zip(results[label]["rounds"], results[ceiling]["rounds"]))

    varnish_ratio = ratio("article, through Varnish", VARNISH_STATIC)
    nothing = ratio("article, nothing cached", BARE)
    drafts_label = next(row.label for row in rows if row.churn == "draft")
    publish_label = next(row.label for row in rows if row.churn == "publish")
    drafts, publishing = ratio(drafts_label, BARE), ratio(publish_label, BARE)
    cached = ratio("article, app cache", BARE)
    busting = ratio("article, ?nocache=<random>", BARE)
    api_cached, api_uncached = ratio(API_CACHED, BARE), ratio(API_UNCACHED, BARE)
    api_queries = counts[API_CACHED]["cold"]
    tails = {label: f["p99"] / f["p50"] for label, f in results.items()}
    worst = max(tails, key=tails.get)
    draft_hits = results[drafts_label]["served"]
    all_rss = [size for sizes in rss.values() for size in sizes.values()]
    lines += [
        "", "## Targets", "",
        "| target (issue #18; #20 marked) | measured | |", "| --- | --- | --- |",
        f"| article through Varnish ≥ 25% of a static file from Varnish's memory | {varnish_ratio:.0%} "
        f"({by_round('article, through Varnish', VARNISH_STATIC)} by round) | {verdict(varnish_ratio >= 0.25)} |",
        f"| article, nothing cached ≥ 10% of the bare Django ceiling | {nothing:.0%} ({by_round('article, nothing cached', BARE)}) "
        f"| {verdict(nothing >= 0.10)} |",
        f"| home while an editor saves a draft every second ≥ 80% of the bare ceiling | {drafts:.0%} "
        f"({by_round(drafts_label, BARE)}); served {served_text(draft_hits)} | {verdict(drafts >= 0.80 and churn[drafts_label]['count'] > 0 and not churn[drafts_label]['errors'])} |",
        f"| home while a story is published every 5 s ≥ 40% of the bare ceiling | {publishing:.0%} "
        f"({by_round(publish_label, BARE)}) | {verdict(publishing >= 0.40 and churn[publish_label]['count'] > 0 and not churn[publish_label]['errors'])} |",
        f"| (issue #21) API list of 20 stories from the cache ≥ 35% of the bare ceiling | {api_cached:.0%} "
        f"({by_round(API_CACHED, BARE)}) | {verdict(api_cached >= 0.35)} |",
        f"| (issue #21) API list of 20 stories uncached ≥ 10% of the bare ceiling, ≤ 4 queries | {api_uncached:.0%} "
        f"({by_round(API_UNCACHED, BARE)}); {api_queries} queries with the app's cache empty, "
        f"{counts[API_UNCACHED]['cold']} with no cache at all | {verdict(api_uncached >= 0.10 and api_queries <= 4)} |",
        f"| p99 ≤ 10× p50 everywhere | worst {tails[worst]:.1f}× ({worst}) | {verdict(tails[worst] <= 10)} |",
        f"| (ours) article, app cache ≥ 80% of the bare Django ceiling | {cached:.0%} ({by_round('article, app cache', BARE)}) "
        f"| {verdict(cached >= 0.8)} |",
        f"| (ours) a made-up query parameter is served from the cache | {busting:.0%} of the bare ceiling, "
        f"{counts['article, ?nocache=<random>']['warm']} queries | {verdict(counts['article, ?nocache=<random>']['warm'] == 0)} |",
        f"| (#20) live head.json ≥ 50% of the bare Django ceiling, from the app's cache | {ratio(LIVE_HEAD, BARE):.0%} "
        f"({by_round(LIVE_HEAD, BARE)}) | {verdict(ratio(LIVE_HEAD, BARE) >= 0.5)} |",
        f"| (#20) a live page with 500 entries renders its first 20 within the article page's budget | "
        f"{counts[LIVE_PAGE]['cold']} queries uncached, the article {counts['article, app cache']['cold']} (the suite: ≤ "
        f"{LIVE_BUDGET} with the domain list loaded); cached: {ratio(LIVE_PAGE, BARE):.0%} of the bare ceiling, p99 "
        f"{results[LIVE_PAGE]['p99']:.1f} ms (article {results['article, app cache']['p99']:.1f} ms) "
        f"| {verdict(counts[LIVE_PAGE]['cold'] <= counts['article, app cache']['cold'])} |",
        "| (ours) worker RSS < 150 MB after the run | "
        + "; ".join(f"{name}: {', '.join(f'{v:.0f} MB' for v in sizes.values())}" for name, sizes in rss.items())
        + f" | {verdict(bool(all_rss) and max(all_rss) < 150)} |",
    ]
    if probe.error:
        lines.append(f"| publication lag < 1 s, never early | the probe failed: {probe.error} | **not met** |")
    for base, name in [(APP, "gunicorn"), (VARNISH, "through Varnish")]:
        lag, early, polls = probe.lag[base], probe.early[base], probe.polls[base]
        if probe.error:
            break
        if lag is None:
            lines.append(f"| publication lag < 1 s, never early ({name}) | did not appear within {probe.give_up_after:.0f} s "
                         f"({early} early in {polls} polls) | **not met** |")
        else:
            lines.append(f"| publication lag < 1 s, never early ({name}) | {lag * 1000:.0f} ms after its time; early {early} "
                         f"times in {polls} polls | {verdict(lag < 1 and early == 0)} |")
    lines += [
        "", f"The lag probe schedules a story {probe.seconds_ahead:.0f} s ahead through the desk's services while wrk loads "
        f"the home page on gunicorn (the row {PROBE!r}, one {PROBE_DURATION} s run after the rounds), and polls the home "
        "page, on gunicorn and through Varnish (every 20 ms), until each shows it; lag is when the response that first "
        "showed it arrived, minus its publication time, and \"early\" counts responses received before that time that "
        "showed it.", "",
        "## Headers as served", "",
        "One request per row, right after its load in the first round.", "",
        "| page | status | X-Page-Cache | X-Cache | X-Varnish | Age | Cache-Control | xkey |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        if row.label not in (seen or {}):
            continue
        s = seen[row.label]
        cookie = " **Set-Cookie**" if s["set-cookie"] else ""
        lines.append(f"| {row.label} | {s['status']}{cookie} | {s['x-page-cache']} | {s['x-cache']} | {s['x-varnish']} | {s['age']} "
                     f"| {s['cache-control']} | {s['xkey'][:60] + ('…' if len(s['xkey']) > 60 else '')} |")
    lines += [
        "", "## EXPLAIN ANALYZE of the listing queries", "",
        f"The queries on articles_article that the home and section pages run with the cache empty, at {ARTICLES:,} stories.", "",
    ]
    seq_scans = [label for label, _sql, plan in plans if "Seq Scan on articles_article" in plan]
    lines.append("No sequential scan of articles_article." if not seq_scans else f"**Sequential scans of articles_article in: {', '.join(seq_scans)}.**")
    for label, sql, plan in plans:
        lines += ["", f"### {label}", "", "```sql", sql, "```", "", "```", plan, "```"]
    return "\n".join(lines) + "\n"

