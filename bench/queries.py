"""Queries per request, counted in a process of its own with a server's environment (`python -m bench.queries`,
a JSON job on stdin, run by bench/run.py): each page's first request with the bench's Redis keys gone, then
its next request; and the EXPLAIN ANALYZE of the queries on articles_article that the listed pages' first
requests ran. Prints one line: BENCH-JSON and the JSON."""
import json
import secrets
import sys


def forget_bench_keys(redis_url, prefix):
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


def main():
    job = json.load(sys.stdin)  # {"paths": {label: path}, "explain": [label, ...], "redis_url": ..., "prefix": ...}
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts, plans = {}, []
    for label, path in job["paths"].items():
        forget_bench_keys(job["redis_url"], job["prefix"])
        with CaptureQueriesContext(connection) as cold:
            first = client.get(path.replace("{random}", secrets.token_hex(4)))
        with CaptureQueriesContext(connection) as warm:
            second = client.get(path.replace("{random}", secrets.token_hex(4)))
        counts[label] = {"cold": len(cold), "warm": len(warm), "status": [first.status_code, second.status_code],
                         "x_page_cache": [first.get("X-Page-Cache"), second.get("X-Page-Cache")]}
        if label not in job["explain"]:
            continue
        for query in cold:
            sql = query["sql"]
            if "articles_article" not in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            kind = "schedule check" if "MIN(" in sql.upper() else ("count" if "COUNT(" in sql.upper() else "listing")
            plans.append([f"{label}: {kind}", sql, plan])
    print("BENCH-JSON " + json.dumps({"counts": counts, "plans": plans}), flush=True)


if __name__ == "__main__":
    main()
