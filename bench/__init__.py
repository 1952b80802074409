"""`make bench` (bench/run.py) and its parts: servers, load, the desk's churn, queries, the report."""
